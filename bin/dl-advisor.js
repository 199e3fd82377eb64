#!/usr/bin/env node
// The package ships dist/ (built by `prepack`). A git checkout after `npm ci` has no dist/ until
// `npm run build` (or `npm test`) makes it: there the sources run through tsx, a devDependency
// that such a checkout has, so that the command works straight after the install.
try {
  await import('../dist/cli.js');
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.url ?? '').endsWith('/dist/cli.js')) throw e;
  const { register } = await import('tsx/esm/api').catch(() => {
    process.stderr.write('dl-advisor: dist/ is not built and tsx is not installed: run npm ci && npm run build\n');
    process.exit(3);
  });
  register();
  await import('../src/cli/main.ts');
}
