import { describe, expect, it } from '@jest/globals'
import { readdirSync } from 'node:fs'
import { COMMANDS } from '../../src/action/inputs.js'

/**
 * The action and the CLI have one shape: a module per command under `<face>/commands/`, named
 * after the command. Every action command is a CLI command too; the CLI's extra commands are the
 * ones a workflow step has no use for (docs/action.md#commands says why), listed here so that a
 * new one is a decision, not an accident.
 */
const CLI_ONLY = ['demo', 'drift', 'fairness', 'history', 'schema', 'verify']

const modulesIn = (dir: string): string[] =>
  readdirSync(dir)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => file.replace(/\.ts$/, ''))
    .sort()

describe('the two faces', () => {
  const actionModules = modulesIn('src/action/commands')
  const cliModules = modulesIn('src/cli/commands')

  it('the action has one module per command it accepts, and no other', () => {
    expect(actionModules).toEqual([...COMMANDS].sort())
  })

  it('every action command has a CLI module of the same name; the CLI adds only its own commands', () => {
    expect(cliModules).toEqual([...actionModules, ...CLI_ONLY].sort())
  })
})
