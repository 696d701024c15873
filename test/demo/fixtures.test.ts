import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { CHURN_V3, FRAUD_V7 } from '../../src/demo/fixtures.js'

describe('demo fixtures', () => {
  it.each([
    ['churn-v3', CHURN_V3],
    ['fraud-v7', FRAUD_V7]
  ])('embed %s exactly as test/fixtures/examples holds it', (name, files) => {
    for (const [file, text] of Object.entries(files)) {
      expect(text).toBe(readFileSync(`test/fixtures/examples/${name}/${file}`, 'utf8'))
    }
  })
})
