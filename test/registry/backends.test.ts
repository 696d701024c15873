import { GitRegistry } from '../../src/registry/git.js'
import { MemoryRegistry } from '../../src/registry/memory.js'
import { gitRepo } from '../helpers/git.js'
import { registryBackendContract } from './backend-contract.js'

registryBackendContract('GitRegistry (real git)', async () => {
  const repo = gitRepo()
  return {
    backend: new GitRegistry(repo.dir),
    another: () => new GitRegistry(repo.dir),
    head: repo.git('rev-parse', 'HEAD'),
    cleanup: repo.cleanup
  }
})

registryBackendContract('MemoryRegistry', async () => {
  const head = 'c'.repeat(40)
  const backend = new MemoryRegistry({ HEAD: head })
  return { backend, another: () => backend, head, cleanup: () => {} }
})
