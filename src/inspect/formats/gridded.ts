/**
 * Variables with named dimensions (NetCDF 3 and 4, Zarr): a (time, lat, lon) field is a gridded
 * spatio-temporal series, a map per time step; what that implies for the answers and what not.
 */
import { count, fmt, list, q, type ReportBuilder } from '../report.js';

export interface Variable {
  name: string;
  dims: string[];
  shape: number[];
  dtype: string;
  units?: string;
  longName?: string;
}

const TIME = /^(?:time|t|date|datetime|valid_time|forecast_time|month|year|day)$/i;
const LAT = /^(?:lat|latitude|y|rlat|nav_lat|south_north)$/i;
const LON = /^(?:lon|long|longitude|x|rlon|nav_lon|west_east)$/i;
const LEVEL = /^(?:lev|level|plev|depth|height|z|pressure|isobaric.*|bottom_top)$/i;

const describe = (v: Variable) => `${q(v.name)} (${v.dims.map((d, i) => `${d}=${fmt(v.shape[i] ?? 0)}`).join(', ')})${v.units ? ` in ${v.units}` : ''}`;

export function inferGridded(vars: Variable[], coords: Map<string, { size: number; units?: string }>, b: ReportBuilder): void {
  const data = vars.filter((v) => !coords.has(v.name) && v.dims.length > 0);
  b.set('variables', list(data.map(describe), 6));
  if (coords.size > 0)
    b.set(
      'dimensions',
      list(
        [...coords].map(([n, c]) => `${n} ${fmt(c.size)}${c.units ? ` (${c.units})` : ''}`),
        8,
      ),
    );
  const fields = data.filter((v) => v.dims.some((d) => TIME.test(d)) && v.dims.some((d) => LAT.test(d)) && v.dims.some((d) => LON.test(d)));
  const maps = data.filter((v) => v.dims.some((d) => LAT.test(d)) && v.dims.some((d) => LON.test(d)));
  const series = data.filter((v) => v.dims.length === 1 && TIME.test(v.dims[0] ?? ''));
  if (fields.length > 0) {
    gridded(fields, b);
    return;
  }
  if (maps.length > 0) {
    const m = maps[0] as Variable;
    b.infer('modality', 'image', `${describe(m)} is a map on a latitude-longitude grid, without a time axis`, 'likely');
    b.skip('labeled', 'the maps carry no labels: say what you want to predict from them');
    b.skip('task', 'a gridded field without a time axis does not show the task');
    return;
  }
  if (series.length > 0) {
    const s = series[0] as Variable;
    b.infer('modality', 'time-series', `${count(series.length, 'variable')} over time only (${describe(s)})`, 'likely');
    b.skip('task', 'series over time: forecasting them (task: forecasting) is common, but the file does not say');
    b.skip('labeled', 'the file holds measurements over time, no labels');
    return;
  }
  b.skip('modality', `no variable has time or latitude/longitude dimensions (${list(data.map(describe), 4) || 'none'})`);
  b.skip('labeled', 'the variables carry no labels');
}

function gridded(fields: Variable[], b: ReportBuilder): void {
  const main = fields.sort((x, y) => y.shape.reduce((m, d) => m * d, 1) - x.shape.reduce((m, d) => m * d, 1))[0] as Variable;
  const t = main.dims.findIndex((d) => TIME.test(d));
  const steps = main.shape[t] ?? 0;
  const grid = main.dims.flatMap((d, i) => (i === t ? [] : [`${fmt(main.shape[i] ?? 0)} ${d}`])).join(' x ');
  const levels = main.dims.some((d) => LEVEL.test(d)) ? ' on vertical levels' : '';
  b.set('timeSteps', steps);
  b.set('grid', grid);
  b.infer(
    'modality',
    'image',
    `${describe(main)} is a gridded spatio-temporal field: one ${grid} map${levels} per time step, ${count(steps, 'step')}`,
    'likely',
  );
  b.infer(
    'task',
    'forecasting',
    `a field over time (${count(fields.length, 'such variable')}) is most often forecast a step ahead; if you predict something else from the maps (a label, an index), answer task yourself`,
    'guess',
  );
  b.infer('labeled', steps, `as a forecasting problem each of the ${count(steps, 'time step')} is an example whose next step is its target`, 'guess');
  b.infer('unlabeled', 0, 'in forecasting the future steps are the labels, so none is unlabelled', 'guess');
  b.warn(
    'gridded-field',
    `a gridded (time, lat, lon) field implies modality: image (maps) and, if you forecast it, task: forecasting with the time steps as examples; it cannot tell whether the model must generalise to other periods or regions (shift), or whether a simulator exists to train on (answer those yourself). Split train and test by time, not at random`,
  );
}
