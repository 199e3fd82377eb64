import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { inferredAnswers, inspectPath } from '../../src/inspect/index.js';
import { codes, Fixtures, inferred, jpeg, mp4, png, warning, wav, why } from './fixtures.js';

const fx = new Fixtures();
afterAll(() => fx.cleanup());

describe('image folders', () => {
  it('reads labels from class subfolders (ImageFolder), with sizes and channels from the headers', async () => {
    for (let i = 0; i < 30; i++) fx.write(`cells/healthy/h${i}.png`, png(64, 48));
    for (let i = 0; i < 2; i++) fx.write(`cells/infected/i${i}.jpg`, jpeg(128, 96, 1));
    fx.write('cells/stray.png', png(64, 48, 6));
    const r = await inspectPath(fx.path('cells'));
    expect(r.format).toBe('image-folder');
    expect(inferredAnswers(r)).toEqual({ modality: 'image', task: 'classification', labeled: 32, unlabeled: 1 });
    expect(inferred(r, 'labeled')?.evidence).toBe("32 images sit in 2 class folders: 'healthy', 'infected'");
    expect(r.summary).toMatchObject({ images: 33, classes: 2, formats: 'png 31, jpeg 2', commonSize: '64x48 (93.9%)' });
    expect(r.summary.channels).toBe('RGB (3) 30, grayscale (1) 2, RGBA (4) 1');
    expect(r.summary.width).toBe('64 / 64 / 128 (min / median / max)');
    expect(codes(r)).toEqual(expect.arrayContaining(['class-imbalance', 'rare-classes', 'mixed-channels']));
    expect(warning(r, 'class-imbalance')).toContain("'infected' is 6.3% of the labelled images (2)");
  });

  it('handles train/val splits and an unlabeled test folder', async () => {
    for (const split of ['train', 'val']) for (const c of ['cat', 'dog']) for (let i = 0; i < 3; i++) fx.write(`pets/${split}/${c}/${i}.png`, png(32, 32));
    for (let i = 0; i < 4; i++) fx.write(`pets/test/${i}.png`, png(32, 32));
    const r = await inspectPath(fx.path('pets'));
    expect(inferredAnswers(r)).toEqual({ modality: 'image', task: 'classification', labeled: 12, unlabeled: 4 });
    expect(r.summary.splits).toBe('train 6, val 6, test 4');
  });

  it('reads a labels file that maps file names to labels', async () => {
    for (let i = 0; i < 10; i++) fx.write(`xray/img_${i}.png`, png(256, 256, 0));
    fx.write('xray/labels.csv', `file,diagnosis\n${Array.from({ length: 8 }, (_, i) => `img_${i}.png,${i % 2 ? 'pneumonia' : 'normal'}`).join('\n')}\n`);
    const r = await inspectPath(fx.path('xray'));
    expect(inferredAnswers(r)).toEqual({ modality: 'image', task: 'classification', labeled: 8, unlabeled: 2 });
    expect(inferred(r, 'labeled')?.evidence).toBe("8 images have a label in 'labels.csv' (column 'diagnosis')");
    expect(r.summary.channels).toBe('grayscale (1) 10');
  });

  it('says there are no labels for a flat folder', async () => {
    for (let i = 0; i < 5; i++) fx.write(`flat/${i}.png`, png(10, 10));
    const r = await inspectPath(fx.path('flat'));
    expect(inferredAnswers(r)).toEqual({ modality: 'image', labeled: 0, unlabeled: 5 });
    expect(why(r, 'task')).toContain('task: representation');
  });

  it('recognises images/ and masks/ as segmentation', async () => {
    for (let i = 0; i < 6; i++) fx.write(`seg/images/${i}.png`, png(100, 100));
    for (let i = 0; i < 4; i++) fx.write(`seg/masks/${i}.png`, png(100, 100, 0));
    const r = await inspectPath(fx.path('seg'));
    expect(inferredAnswers(r)).toMatchObject({ modality: 'image', task: 'segmentation', labeled: 4, unlabeled: 2 });
  });

  it('warns about broken and truncated headers instead of failing', async () => {
    for (let i = 0; i < 3; i++) fx.write(`broken/ok${i}.png`, png(20, 20));
    fx.write('broken/truncated.png', png(20, 20).subarray(0, 18));
    fx.write('broken/not-an-image.jpg', 'hello');
    const r = await inspectPath(fx.path('broken'));
    expect(inferred(r, 'modality')?.evidence).toBe('the folder holds 3 images (and 2 with broken headers)');
    expect(warning(r, 'broken-headers')).toContain('2 files named like images have a broken, truncated or unrecognised header');
  });

  it('counts files by the extension as written and by name where the name decides', async () => {
    fx.write('kinds/a/one.PNG', png(8, 8));
    fx.write('kinds/a/two.png', png(8, 8));
    fx.write('kinds/b/scan.nii.gz', 'not read');
    fx.write('kinds/b/notes.gz', 'other');
    fx.write('kinds/b/x.Png', png(8, 8));
    fx.write('kinds/a/readme.md', '# a nested readme is a document');
    fx.write('kinds/b/labels.txt', 'a nested labels file is a document');
    fx.write('kinds/README.md', 'the top readme is not');
    fx.write('kinds/c/song.WAV', wav(8000, 1, 0.1));
    const r = await inspectPath(fx.path('kinds'));
    expect(r.summary.images).toBe(4);
    expect(warning(r, 'mixed-media')).toBe('the folder also holds 1 audio file, 2 documents; only the images were inspected');
    expect(warning(r, 'other-files')).toContain("holds 1 file that is not images (e.g. 'b/notes.gz')");
  });

  it('keeps maxFiles files of each kind for their headers, whatever kind the walk meets first', async () => {
    for (let i = 0; i < 3; i++) fx.write(`first/${i}.wav`, wav(8000, 1, 0.1));
    for (let i = 0; i < 5; i++) fx.write(`first/imgs/${i}.png`, png(8, 8));
    const r = await inspectPath(fx.path('first'), { maxFiles: 2 });
    expect(r.format).toBe('image-folder');
    expect(r.summary.formats).toBe('png 2');
    expect(warning(r, 'headers-not-read')).toContain('only the first 2 of 5 images');
  });

  it('reads headers of at most maxFiles files and counts the rest by name', async () => {
    for (let i = 0; i < 6; i++) fx.write(`many/${i}.png`, png(8, 8));
    const r = await inspectPath(fx.path('many'), { maxFiles: 4 });
    expect(r.summary.images).toBe(6);
    expect(warning(r, 'headers-not-read')).toContain('only the first 4 of 6 images');
  });
});

describe('text, audio and video', () => {
  it('reads a folder of documents with class subfolders as text classification', async () => {
    for (let i = 0; i < 4; i++) fx.write(`docs/spam/${i}.txt`, `Buy now ${i}!`);
    for (let i = 0; i < 5; i++) fx.write(`docs/ham/${i}.md`, `# Meeting notes ${i}\nSee you.`);
    fx.write('docs/README', 'not a document');
    const r = await inspectPath(fx.path('docs'));
    expect(r.format).toBe('text-folder');
    expect(inferredAnswers(r)).toEqual({ modality: 'text', task: 'classification', labeled: 9, unlabeled: 0 });
    expect(r.summary.documents).toBe(9);
  });

  it('reads WAV headers: sample rate, channels, duration', async () => {
    for (let i = 0; i < 3; i++) fx.write(`calls/bird/${i}.wav`, wav(16000, 1, 0.5));
    for (let i = 0; i < 3; i++) fx.write(`calls/frog/${i}.wav`, wav(16000, 1, 0.25));
    const r = await inspectPath(fx.path('calls'));
    expect(r.format).toBe('audio-folder');
    expect(inferredAnswers(r)).toEqual({ modality: 'audio', task: 'classification', labeled: 6, unlabeled: 0 });
    expect(r.summary).toMatchObject({ sampleRates: '16,000 Hz 6', channels: 'mono 6', seconds: '0.3 / 0.4 / 0.5 (min / median / max)' });
  });

  it('reads a single WAV file', async () => {
    const r = await inspectPath(fx.write('one.wav', wav(44100, 2, 1)));
    expect(r.format).toBe('audio');
    expect(inferred(r, 'modality')?.value).toBe('audio');
    expect(r.summary).toMatchObject({ sampleRates: '44,100 Hz 1', channels: 'stereo 1', hours: 0 });
  });

  it('recognises video by container and reads the MP4 duration and frame size', async () => {
    const r = await inspectPath(fx.write('mouse.mp4', mp4(12, 640, 480)));
    expect(r.format).toBe('video');
    expect(inferred(r, 'modality')?.value).toBe('video');
    expect(r.summary).toMatchObject({ formats: 'mp4 1', seconds: '12 / 12 / 12 (min / median / max)', frameSize: '640x480 1' });
    expect(why(r, 'labeled')).toContain('a single video');
  });

  it('recognises AVI and Matroska containers', async () => {
    const avi = new Uint8Array(80);
    avi.set(Buffer.from('RIFF\0\0\0\0AVI LIST\0\0\0\0hdrlavih'), 0);
    expect((await inspectPath(fx.write('clip.avi', avi))).summary.formats).toBe('avi 1');
    const mkv = new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84, ...Buffer.from('webm'), ...new Array(40).fill(0)]);
    expect((await inspectPath(fx.write('clip.webm', mkv))).summary.formats).toBe('webm 1');
  });
});

describe('folders without media', () => {
  it('inspects the only data file of a folder', async () => {
    fx.write('project/data.csv', 'a,b,label\n1,2,x\n3,4,y\n');
    fx.write('project/notes.pdf', '%PDF');
    const r = await inspectPath(fx.path('project'));
    expect(r.format).toBe('csv');
    expect(r.summary.file).toContain('data.csv');
  });

  it('explains an empty or unsupported folder', async () => {
    fx.dir('empty');
    const error = await inspectPath(fx.path('empty')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).problems[0]).toMatchObject({ code: 'data-unsupported', file: fx.path('empty') });
    expect((error as Error).message).toContain('it is empty');
  });
});
