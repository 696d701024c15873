import type { RegisterResult } from '../lifecycle/register.js'

export function renderRegistration(model: string, result: RegisterResult, format: 'text' | 'json'): string {
  return format === 'json'
    ? `${JSON.stringify(result, null, 2)}\n`
    : `registered ${model} ${result.version} at ${result.commit.slice(0, 12)} (tag ${result.tag})\n`
}
