import { S as StatisticsError, E as EvidenceError } from './errors-C8WN8CYy.js';
import { r as readCsvFile, c as readCsvColumns } from './drift-csv-Dlo_pHJS.js';

function ratesOf(counts) {
    const negatives = counts.n - counts.positives;
    return {
        group: counts.group,
        n: counts.n,
        positives: counts.positives,
        negatives,
        tpr: counts.positives > 0 ? counts.truePositives / counts.positives : null,
        fpr: negatives > 0 ? counts.falsePositives / negatives : null,
        selection_rate: counts.predictedPositives / counts.n
    };
}
function undefinedIn(groups, key) {
    const missing = groups.filter((g) => g[key] === null).map((g) => JSON.stringify(g.group));
    if (missing.length === 0)
        return undefined;
    const what = key === 'tpr' ? 'no positive labels (TPR undefined)' : 'no negative labels (FPR undefined)';
    return `group${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ha${missing.length > 1 ? 've' : 's'} ${what}`;
}
function between(groups, key) {
    const why = key === 'selection_rate' ? undefined : undefinedIn(groups, key);
    if (why)
        return { gap: { value: null, reason: why }, ratio: { value: null, reason: why } };
    const values = groups.map((g) => g[key]);
    const max = Math.max(...values);
    const min = Math.min(...values);
    const ratio = max === 0
        ? { value: null, reason: `every group has ${key} 0, so the ratio is 0/0` }
        : { value: min / max };
    return { gap: { value: max - min }, ratio };
}
/** Per-group rates and the between-groups gaps and ratios. */
function fairnessReport(counts) {
    if (counts.length === 0)
        throw new StatisticsError('fairness needs at least one row');
    const groups = [...counts].sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0)).map(ratesOf);
    const tpr = between(groups, 'tpr');
    const fpr = between(groups, 'fpr');
    const selection = between(groups, 'selection_rate');
    const worst = (a, b, pick) => a.value === null || b.value === null
        ? { value: null, reason: [a.reason, b.reason].filter(Boolean).join('; ') }
        : { value: pick(a.value, b.value) };
    const metrics = {
        tpr_gap: tpr.gap,
        fpr_gap: fpr.gap,
        demographic_parity_difference: selection.gap,
        equalized_odds_difference: worst(tpr.gap, fpr.gap, Math.max),
        tpr_ratio: tpr.ratio,
        fpr_ratio: fpr.ratio,
        demographic_parity_ratio: selection.ratio,
        equalized_odds_ratio: worst(tpr.ratio, fpr.ratio, Math.min)
    };
    const reasons = {};
    const values = {};
    for (const [name, gap] of Object.entries(metrics)) {
        values[name] = gap.value;
        if (gap.value === null)
            reasons[name] = gap.reason ?? 'undefined';
    }
    const warnings = groups.length === 1
        ? [`only one group (${JSON.stringify(groups[0].group)}): every gap is 0 by definition`]
        : [];
    return { groups, ...values, reasons, warnings };
}
/**
 * Counts per group from parallel columns: group codes with their names, and whether each row's
 * label / prediction is the positive class.
 */
function countGroups(groupNames, groupCodes, labelPositive, predictionPositive) {
    const counts = groupNames.map((group) => ({
        group,
        n: 0,
        positives: 0,
        truePositives: 0,
        falsePositives: 0,
        predictedPositives: 0
    }));
    for (let i = 0; i < groupCodes.length; i++) {
        const c = counts[groupCodes[i]];
        const label = Boolean(labelPositive[i]);
        const predicted = Boolean(predictionPositive[i]);
        c.n++;
        if (label)
            c.positives++;
        if (predicted) {
            c.predictedPositives++;
            if (label)
                c.truePositives++;
            else
                c.falsePositives++;
        }
    }
    return counts.filter((c) => c.n > 0);
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
function sameValue(value, positive) {
    if (value === positive)
        return true;
    return DECIMAL.test(value) && DECIMAL.test(positive) && Number(value) === Number(positive);
}
/** Per-row "is positive" flags of a binary column; anything but two classes is an error. */
function positiveFlags(column, positive, file) {
    const seen = new Uint8Array(column.categories.length);
    for (const code of column.codes)
        seen[code] = 1;
    const present = column.categories.filter((_, code) => seen[code] === 1);
    const positiveCodes = new Set(column.categories.flatMap((value, code) => (sameValue(value, positive) ? [code] : [])));
    const classes = new Set(present.map((value) => (sameValue(value, positive) ? positive : value)));
    if (classes.size > 2) {
        const shown = [...classes].slice(0, 5).map((v) => JSON.stringify(v));
        throw new EvidenceError(`column ${JSON.stringify(column.name)} has ${classes.size} distinct values (${shown.join(', ')}${classes.size > 5 ? ', …' : ''}); fairness needs binary labels and predictions (threshold scores first)`, { file });
    }
    const flags = new Uint8Array(column.codes.length);
    for (let i = 0; i < flags.length; i++)
        flags[i] = positiveCodes.has(column.codes[i]) ? 1 : 0;
    return flags;
}
/** Reads group, label and prediction columns and computes the fairness report. */
async function fairnessOfCsv(input, columns) {
    const names = [columns.group, columns.label, columns.prediction];
    const options = {
        file: input.file,
        columns: [...new Set(names)],
        kinds: {
            [columns.group]: 'categorical',
            [columns.label]: 'categorical',
            [columns.prediction]: 'categorical'
        },
        ...(columns.onProgress && { onProgress: columns.onProgress })
    };
    const table = 'path' in input
        ? await readCsvFile(input.path, options)
        : await readCsvColumns(input.bytes, { ...options, totalBytes: input.bytes.length });
    const column = (name) => table.columns.get(name);
    const positive = columns.positive ?? '1';
    const labels = positiveFlags(column(columns.label), positive, input.file);
    const predictions = positiveFlags(column(columns.prediction), positive, input.file);
    if (!labels.includes(1) && !predictions.includes(1)) {
        throw new EvidenceError(`no label or prediction equals the positive class ${JSON.stringify(positive)} (values seen: ${column(columns.label)
            .categories.slice(0, 5)
            .map((v) => JSON.stringify(v))
            .join(', ')}); set the positive class (--positive / positive:)`, { file: input.file });
    }
    const group = column(columns.group);
    return { positive, ...fairnessReport(countGroups(group.categories, group.codes, labels, predictions)) };
}

export { fairnessReport as a, countGroups as c, fairnessOfCsv as f };
