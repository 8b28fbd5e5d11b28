import { cdk, javascript } from 'projen';

const project = new cdk.JsiiProject({
  name: 'cdktf-ha',
  description: 'Highly available, multi-zone and multi-region deployments on AWS and Alibaba Cloud with CDK for Terraform',
  author: 'cdktf-ha developers',
  authorAddress: 'cdktf-ha@example.com',
  repositoryUrl: 'https://example.com/cdktf-ha.git',
  license: 'Apache-2.0',
  keywords: ['cdktf', 'cdk', 'terraform', 'aws', 'alicloud', 'high-availability', 'disaster-recovery'],
  defaultReleaseBranch: 'main',
  projenrcTs: true,
  packageManager: javascript.NodePackageManager.NPM,
  minNodeVersion: '20.9.0',

  srcdir: 'lib', // TypeScript sources
  libdir: 'dist', // compiled JS + .d.ts (git-ignored, shipped)
  entrypoint: 'dist/index.js', // projen's default is lib/index.js
  artifactsDirectory: 'dist-pkg', // jsii-pacmak / npm pack output; must not be the libdir
  testdir: 'test',
  tsconfig: {
    compilerOptions: { inlineSourceMap: false, inlineSources: false },
  },
  sampleCode: false,

  jsiiVersion: '~5.9.0',
  typescriptVersion: '~5.9.3',

  // projen adds each peer as a dev dep pinned to its lowest version: tests run against the oldest versions users may have.
  peerDeps: ['cdktf@~0.21.0', 'constructs@^10.4.2', '@cdktf/provider-aws@~20.1.0'],
  devDeps: ['cdktf-cli@0.21.0', '@cdktf/provider-generator@0.21.0', '@cdktf/commons@0.21.0', '@swc/core', '@swc/jest', '@resvg/resvg-js@^2.6.2'],
  // `npx cdktf-ha report` (lib/cli.ts, compiled to dist/cli.js).
  bin: { 'cdktf-ha': 'dist/cli.js' },

  // Release: projen's GitHub workflow bumps the version from the commits, builds, and publishes to npm
  // with the repository secret NPM_TOKEN (docs/releasing.md). Pull-request CI here is .ci/run.
  github: true,
  release: true,
  releaseToNpm: true,
  buildWorkflow: false,
  pullRequestTemplate: false,
  githubOptions: { mergify: false, pullRequestLint: false },
  depsUpgrade: false,
  eslint: false,
  typecheckTests: true, // swc does not type-check: `tsc --noEmit -p test/tsconfig.json` runs first
  docgen: true, // API reference from the TSDoc, written to docs/API.md by `projen docgen` (part of compile)
  docgenFilePath: 'docs/API.md',

  jestOptions: {
    updateSnapshot: javascript.UpdateSnapshot.NEVER, // `test` runs jest --ci; `test:update` rewrites snapshots
    jestConfig: {
      testEnvironment: 'node',
      setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
      coveragePathIgnorePatterns: ['/node_modules/', '/lib/alicloud/gen/'],
      testTimeout: 120_000,
      // With --ci jest keeps one core for itself; the tests wait on terraform processes, so use every core.
      maxWorkers: '100%',
      // Instrumenting costs about a third of the suite's time here; `npm run test:coverage` measures it.
      collectCoverage: false,
    },
  },
});

// jsii and jsii-pacmak print a banner on Node 20 (end of life); the value is the major version to silence.
project.tasks.addEnvironment('JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION', '20');
project.tasks.addEnvironment('CHECKPOINT_DISABLE', '1');

// npm 11 blocks dependency install scripts unless `allowScripts` covers them; none is needed (prebuilt binaries).
project.package.addField('allowScripts', {
  '@cdktf/node-pty-prebuilt-multiarch': false,
  '@parcel/watcher': false,
  '@swc/core': false,
});

// Jest: @swc/jest instead of ts-jest (types are checked by typecheckTests and jsii).
project.deps.removeDependency('ts-jest');
project.jest!.config.transform = {
  '^.+\\.[t]sx?$': new javascript.Transform('@swc/jest'),
};

// Synth time, peak memory and resource count of every example, from compiled JS in fresh processes.
project.addTask('bench', {
  description: 'Benchmark the synthesis of every example (npm run bench -- --runs N)',
  exec: 'ts-node --project tsconfig.json scripts/bench.ts',
  receiveArgs: true,
});

// The reports of the warm-standby examples shown in docs/ (regenerate after changing the report).
project.addTask('docs:report', {
  description: 'Regenerate docs/examples/*-warm-standby/ with `cdktf-ha report --out --png`',
  exec: 'ts-node --project tsconfig.json scripts/docs-report.ts',
});

// Alibaba Cloud bindings, generated from the vendored aliyun/alicloud 1.283.0 schema (git-ignored, compiled
// by jsii, shipped): there is no @cdktf/provider-alicloud on npm. See providers/alicloud/README.md.
const genAlicloud = project.addTask('gen:alicloud', {
  description: 'Generate aliyun/alicloud bindings from providers/alicloud/schema.json',
  exec: 'node providers/alicloud/generate.mjs providers/alicloud/schema.json lib/alicloud/gen',
});
project.compileTask.prependSpawn(genAlicloud); // so `projen compile` works on a fresh clone too
// `npm ci` / `npm install` in this repository run `prepare` (never in a user's project that installs the
// package), so `npx cdktf synth` works right after installing.
project.package.setScript('prepare', 'npx projen gen:alicloud');
project.testTask.prependSpawn(genAlicloud);
project.addTask('synth:example', {
  description: 'Generate the Alibaba Cloud bindings, then synthesize the bundled example (cdktf.json)',
  steps: [{ spawn: 'gen:alicloud' }, { exec: 'cdktf synth' }],
});

project.addTask('test:coverage', {
  description: 'Run the tests with coverage (coverage/)',
  steps: [{ spawn: 'gen:alicloud' }, { exec: 'jest --ci --coverage' }],
});

// Tests live in test/ only: projen's default pattern would also take lib/core/spec.ts for a test file.
project.package.file.addOverride('jest.testMatch', ['<rootDir>/test/**/*.test.ts']);

project.gitignore.exclude('/lib/alicloud/gen/', '/dist-pkg/', 'cdktf.out/', '/bench-out/');
project.npmignore?.removePatterns('dist'); // projen always writes `dist`, which would drop the compiled code
project.npmignore?.exclude(
  '/providers/', '/examples/', '/docs/examples/', 'cdktf.out/', '/.ci/', '/cdktf.json', '/test-reports/', '/scripts/', '/bench-out/',
  'dist-pkg', // exactly as jsii-pacmak writes it, or pacmak appends it to .npmignore on every package run
);

project.synth();
