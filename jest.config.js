/** @type {import('ts-jest').JestConfigWithTsJest} */
export default {
  clearMocks: true,
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  preset: 'ts-jest',
  resolver: 'ts-jest-resolver',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testPathIgnorePatterns: ['<rootDir>/dist/', '/node_modules/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', useESM: true }]
  },
  testTimeout: 60000,
  // Jest's default is one worker per core less one: a single worker on a 2-core CI machine, which
  // then idles while a test waits on the subprocesses (git, the bundled action) it started.
  // One worker per core keeps every core busy.
  maxWorkers: '100%',
  // A worker keeps some memory of every test file it ran (ESM modules under vm contexts are not all
  // released), and on a cold cache a worker grew past the 4 GB heap and crashed late in a CI run.
  // Jest replaces a worker whose memory is above this limit between two files.
  workerIdleMemoryLimit: '1536MB'
}
