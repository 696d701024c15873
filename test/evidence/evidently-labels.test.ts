import { describe, expect, it } from '@jest/globals'
import { loadEvidence } from '../../src/evidence/load.js'
import { LocalEvidenceSource } from '../../src/evidence/local-source.js'
import { resolveMetricPath } from '../../src/evidence/path.js'
import { parseMetricLabel } from '../../src/evidence/readers/evidently.js'

/*
 * Early Evidently 0.7 labels (`metric_id`) as `explicit_metric_id()` writes them: `str()` of each
 * parameter that is set, no quoting, lists comma-joined. Column names are free text, so a label
 * may hold spaces, commas, parentheses, quotes and `=`; a column may be called `0` or `True`.
 * The fixture is written from that rule, one column per tricky shape.
 */
const source = new LocalEvidenceSource('test/fixtures/evidence')
const load = async () =>
  (await loadEvidence('drift', { format: 'evidently', path: 'evidently-0.7-early-labels.json' }, source)).data
const at = (data: unknown, path: string) => resolveMetricPath(data, path)

describe('early 0.7 metric_id labels with free-text column names', () => {
  it('a column named like a number or a boolean is a column, not dropped', async () => {
    const data = await load()
    expect(at(data, 'columns["0"].drift_score')).toEqual({ found: true, value: 0.5 })
    expect(at(data, 'columns["1.5e3"].drift_score')).toEqual({ found: true, value: 0.3 })
    expect(at(data, 'columns.True')).toEqual({
      found: true,
      value: {
        drift_score: 0.9,
        stattest_name: 'chi-square p_value',
        stattest_threshold: 0.05,
        drift_detected: false
      }
    })
  })

  it('splits only at the parameters ValueDrift has: `a,b=c` stays one column', async () => {
    const data = await load()
    expect(at(data, 'columns["a,b=c"].drift_detected')).toEqual({ found: true, value: true })
    expect(at(data, 'columns.a').found).toBe(false)
    expect(at(data, 'columns["price (USD), net"]')).toEqual({
      found: true,
      value: { drift_score: 0.12, stattest_name: 'PSI', stattest_threshold: 0.1, drift_detected: true }
    })
    expect(at(data, 'columns["f(g(x))"]')).toEqual({
      found: true,
      value: { drift_score: NaN, stattest_name: 'Jensen-Shannon distance', stattest_threshold: 0.00001 }
    })
    expect(Object.keys((data as { columns: object }).columns)).toContain(`"quoted" 'name'`)
  })

  it('a column named __proto__ is a column like any other', async () => {
    const data = await load()
    expect(at(data, 'columns["__proto__"].drift_score')).toEqual({ found: true, value: 0.04 })
    expect(Object.getPrototypeOf({})).toBe(Object.prototype)
  })

  it('DriftedColumnsCount: a columns list holding commas does not hide drift_share', async () => {
    const data = await load()
    expect(data).toMatchObject({ drift_share: 0.3, share_of_drifted_columns: 0.5, dataset_drift: true })
  })

  it('reads only float parameters as numbers; every other value is the text written', () => {
    expect(parseMetricLabel('ValueDrift(column=0,threshold=1e-05)')).toEqual({
      type: 'ValueDrift',
      params: { column: '0', threshold: 0.00001 }
    })
    expect(parseMetricLabel('ValueDrift(column=x,threshold=nan)')).toEqual({
      type: 'ValueDrift',
      params: { column: 'x', threshold: 'nan' }
    })
    expect(parseMetricLabel('ValueDrift(column=a,b=c,method=ks)')).toEqual({
      type: 'ValueDrift',
      params: { column: 'a,b=c', method: 'ks' }
    })
    expect(
      parseMetricLabel('DriftedColumnsCount(columns=a, b,c (d),drift_share=0.25,cat_threshold=0.1)')
    ).toEqual({
      type: 'DriftedColumnsCount',
      params: { columns: 'a, b,c (d)', drift_share: 0.25, cat_threshold: 0.1 }
    })
    // Types modelgate does not read split at any `,name=`.
    expect(parseMetricLabel('InRangeValueCount(column=age,left=1,right=10)')).toEqual({
      type: 'InRangeValueCount',
      params: { column: 'age', left: '1', right: '10' }
    })
    // A label that starts with a parameter ValueDrift does not have, or names one twice, is unreadable.
    expect(parseMetricLabel('ValueDrift(foo=1)')).toBeUndefined()
    expect(parseMetricLabel('ValueDrift(column=a,column=b)')).toBeUndefined()
  })
})

describe('Evidently 0.1 Profile (DataDriftProfileSection)', () => {
  it('reads the data_drift section through the same paths as reports', async () => {
    const { data } = await loadEvidence(
      'drift',
      { format: 'evidently', path: 'evidently-0.1-profile.json' },
      source
    )
    expect(data).toMatchObject({
      dataset_drift: false,
      share_of_drifted_columns: 0.3333333333333333,
      number_of_drifted_columns: 1,
      number_of_columns: 3,
      drift_share: 0.5
    })
    expect(at(data, 'columns["income (k$)"]')).toEqual({
      found: true,
      value: { drift_score: 0.0004, drift_detected: true, stattest_name: 'K-S p_value', column_type: 'num' }
    })
    expect(at(data, 'columns.region.drift_score')).toEqual({ found: true, value: NaN })
  })

  it("an early profile's p_value is the column's score; no flag is guessed", async () => {
    const { readEvidently } = await import('../../src/evidence/readers/evidently.js')
    const data = await readEvidently({
      name: 'drift',
      spec: { format: 'evidently', path: 'p.json' },
      primary: {
        display: 'p.json',
        bytes: Buffer.from(
          JSON.stringify({
            data_drift: {
              data: {
                metrics: { n_features: 1, dataset_drift: true, age: { feature_type: 'num', p_value: 0.01 } }
              }
            }
          })
        )
      }
    } as never)
    expect(at(data, 'columns.age')).toEqual({ found: true, value: { drift_score: 0.01, column_type: 'num' } })
  })
})
