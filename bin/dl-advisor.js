#!/usr/bin/env node
// bin/package.json makes this file CommonJS: the built CLI (dist/cli.cjs, dist/chunks/run.cjs,
// then core.js with its code cache) then runs without Node's ES module loader, which costs a
// start-up of its own (scripts/build.ts, coreLoader). The file is valid as an ES module too (a
// copy without bin/package.json is one): it then imports dist/cli.js.
//
// The package ships dist/ (built by `prepack`). A git checkout after `npm ci` has no dist/ until
// `npm run build` (or `npm test`) makes it: there the sources run through tsx, a devDependency
// that such a checkout has, so that the command works straight after the install.
const fromSource = () =>
  import('tsx/esm/api')
    .catch(() => {
      process.stderr.write('dl-advisor: dist/ is not built and tsx is not installed: run npm ci && npm run build\n');
      process.exit(3);
    })
    .then(({ register }) => {
      register();
      return import('../src/cli/main.ts');
    });

if (typeof require === 'function') {
  try {
    require('../dist/cli.cjs');
  } catch (e) {
    if (e?.code !== 'MODULE_NOT_FOUND' || !String(e.message).includes('/dist/cli.cjs')) throw e;
    fromSource();
  }
} else {
  import('../dist/cli.js').catch((e) => {
    if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.url ?? '').endsWith('/dist/cli.js')) throw e;
    return fromSource();
  });
}
