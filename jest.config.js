/** @type {import('ts-jest').JestConfigWithTsJest} */
export default {
  clearMocks: true,
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  preset: 'ts-jest',
  resolver: 'ts-jest-resolver',
  testEnvironment: '<rootDir>/test/jest-environment.mjs',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testPathIgnorePatterns: ['<rootDir>/dist/', '/node_modules/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', useESM: true }]
  },
  testTimeout: 60000,
  // Jest's default is one worker per core less one: a single worker on a 2-core CI machine, which
  // then idles while a test waits on the subprocesses (git, the bundled action) it started.
  // Half a worker more per core: the bundled action in the e2e files sleeps 71% of its time
  // (GitHub's write pacing, 1 s between writes, which the shipped action must keep), and a third
  // worker on two cores runs other files meanwhile (e2e + fault-matrix-writes: 211 s → 165 s).
  maxWorkers: '150%'
}
