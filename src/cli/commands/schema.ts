import type { Command } from 'commander'
import { policyJsonSchema } from '../../policy/json-schema.js'
import { EXIT, type CliIO } from '../io.js'

export function registerSchemaCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('schema')
    .description('print the JSON Schema of the policy file (policies/policy.schema.json)')
    .action(() => {
      io.stdout.write(`${JSON.stringify(policyJsonSchema(), null, 2)}\n`)
      setExit(EXIT.ok)
    })
}
