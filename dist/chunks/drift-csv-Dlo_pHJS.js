import { E as EvidenceError, S as StatisticsError } from './errors-C8WN8CYy.js';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

// Values pandas reads as missing (pandas.read_csv default na_values), plus infinities.
const MISSING = new Set([
    '#N/A',
    '#N/A N/A',
    '#NA',
    '-1.#IND',
    '-1.#QNAN',
    '-NaN',
    '-nan',
    '1.#IND',
    '1.#QNAN',
    '<NA>',
    'N/A',
    'NA',
    'NULL',
    'NaN',
    'None',
    'n/a',
    'nan',
    'null'
]);
const INFINITE = new Set(['inf', '-inf', '+inf', 'Inf', '-Inf', '+Inf', 'Infinity', '-Infinity', '+Infinity']);
const COMMA = 0x2c;
const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const SPLITTER$1 = 134217729; // 2^27 + 1, Dekker's split
const bits = new Float64Array(1);
const bitWords = new Uint32Array(bits.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
// 2^(e − 1076) for every biased exponent e: half an ulp of a double with that exponent.
const HALF_ULP = Float64Array.from({ length: 2048 }, (_, e) => 2 ** (Math.max(e, 1) - 1076));
/** Half a unit in the last place of a double. */
function halfUlp(x) {
    bits[0] = x;
    return HALF_ULP[(bitWords[LITTLE_ENDIAN ? 1 : 0] >>> 20) & 0x7ff];
}
/**
 * (high · 10^lowDigits + low) · 10^exponent, correctly rounded, or NaN when it cannot be decided
 * cheaply. The product is formed in double-double (error below 2^-100 relative), which settles
 * the rounding unless the value sits almost exactly halfway between two doubles.
 */
function scaleDecimal(high, low, lowDigits, exponent) {
    // m = high · 10^lowDigits + low, exactly, as hi + lo.
    const f = POW10[lowDigits];
    let hi = high * f;
    const t = SPLITTER$1 * high;
    const hh = t - (t - high);
    const hl = high - hh;
    const u = SPLITTER$1 * f;
    const fh = u - (u - f);
    const fl = f - fh;
    let lo = hh * fh - hi + hh * fl + hl * fh + hl * fl;
    let sum = hi + low;
    let bb = sum - hi;
    lo += hi - (sum - bb) + (low - bb);
    hi = sum + lo;
    lo = lo - (hi - sum);
    const p = POW10[exponent < 0 ? -exponent : exponent];
    let rHi;
    let rLo;
    if (exponent >= 0) {
        // (hi + lo) · p
        const prod = hi * p;
        const a = SPLITTER$1 * hi;
        const ah = a - (a - hi);
        const al = hi - ah;
        const c = SPLITTER$1 * p;
        const ph = c - (c - p);
        const pl = p - ph;
        const err = ah * ph - prod + ah * pl + al * ph + al * pl + lo * p;
        rHi = prod + err;
        rLo = err - (rHi - prod);
    }
    else {
        // (hi + lo) / p: q1 + (remainder / p)
        const q1 = hi / p;
        const a = SPLITTER$1 * q1;
        const qh = a - (a - q1);
        const ql = q1 - qh;
        const c = SPLITTER$1 * p;
        const ph = c - (c - p);
        const pl = p - ph;
        const prod = q1 * p;
        const prodErr = qh * ph - prod + qh * pl + ql * ph + ql * pl;
        sum = hi - prod;
        bb = sum - hi;
        const sumErr = hi - (sum - bb) + (-prod - bb);
        const q2 = (sum + (sumErr - prodErr + lo)) / p;
        rHi = q1 + q2;
        rLo = q2 - (rHi - q1);
    }
    const half = halfUlp(rHi);
    if (Math.abs(Math.abs(rLo) - half) <= half * 2 ** -40)
        return NaN;
    // rHi is the double nearest hi + lo unless |rLo| exceeds half an ulp (not after the
    // renormalisation above, except by rounding at the boundary, which the test above excludes).
    return rHi;
}
/**
 * Parses [start, end) of `buf` as a decimal number. NaN when the text is not a number in the
 * plain decimal syntax `[+-]digits[.digits][e[+-]digits]`. Up to 15 significant digits and a
 * power of ten within ±22 give one correctly rounded operation (Clinger's fast path); up to 19
 * digits go through a double-double product; anything else goes to the engine's correctly
 * rounded Number().
 */
function parseDecimal(buf, start, end) {
    let i = start;
    let negative = false;
    if (i < end && (buf[i] === 0x2d || buf[i] === 0x2b)) {
        negative = buf[i] === 0x2d;
        i++;
    }
    // Significant digits: the first 15 in `high`, the next (up to 4) in `low`.
    let high = 0;
    let low = 0;
    let lowDigits = 0;
    let significant = 0;
    let digits = 0;
    let exponent = 0;
    let dropped = false;
    let seenPoint = false;
    for (; i < end; i++) {
        const c = buf[i];
        if (c === 0x2e) {
            if (seenPoint)
                return NaN;
            seenPoint = true;
            continue;
        }
        const d = c - 0x30;
        if (d < 0 || d > 9)
            break;
        digits++;
        if (seenPoint)
            exponent--;
        if (significant === 0 && d === 0)
            continue;
        significant++;
        if (significant <= 15)
            high = high * 10 + d;
        else if (significant <= 19) {
            low = low * 10 + d;
            lowDigits++;
        }
        else {
            // Digits beyond 19 only shift the scale; the slow path will read them.
            dropped = true;
            exponent++;
        }
    }
    if (digits === 0)
        return NaN;
    if (i < end && (buf[i] === 0x65 || buf[i] === 0x45)) {
        i++;
        let expNegative = false;
        if (i < end && (buf[i] === 0x2d || buf[i] === 0x2b)) {
            expNegative = buf[i] === 0x2d;
            i++;
        }
        let e = 0;
        let expDigits = 0;
        for (; i < end; i++) {
            const d = buf[i] - 0x30;
            if (d < 0 || d > 9)
                break;
            if (e < 100000)
                e = e * 10 + d;
            expDigits++;
        }
        if (expDigits === 0)
            return NaN;
        exponent += expNegative ? -e : e;
    }
    if (i !== end)
        return NaN;
    let value = NaN;
    if (significant === 0)
        value = 0;
    else if (!dropped && exponent >= -22 && exponent <= 22) {
        if (lowDigits === 0)
            value = exponent < 0 ? high / POW10[-exponent] : high * POW10[exponent];
        else
            value = scaleDecimal(high, low, lowDigits, exponent);
    }
    if (Number.isNaN(value)) {
        return Number(buf.latin1Slice(start, end));
    }
    return negative ? -value : value;
}
const INITIAL_CAPACITY = 1 << 14;
function grow(array, needed) {
    if (needed <= array.length)
        return array;
    let capacity = array.length * 2;
    while (capacity < needed)
        capacity *= 2;
    const next = new array.constructor(capacity);
    next.set(array);
    return next;
}
/** Incremental parser: `push` chunks, then `end`. */
class CsvColumnReader {
    options;
    carry = null;
    header = null;
    states = [];
    /** field index → index into `states`, or -1. */
    slotOf = new Int32Array(0);
    rows = 0;
    /** 1-based line number of the next byte to parse. */
    line = 1;
    bytes = 0;
    started = false;
    // Field boundaries of the record being parsed: [start, end) and whether it had "" escapes.
    starts = new Int32Array(64);
    ends = new Int32Array(64);
    escaped = new Uint8Array(64);
    fields = 0;
    normalize;
    constructor(options) {
        this.options = options;
        this.normalize = options.normalizeNumbers ?? false;
    }
    push(chunk) {
        const data = this.carry
            ? Buffer.concat([this.carry, chunk])
            : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
        this.bytes += chunk.length;
        const consumed = this.parse(data, false);
        this.carry = consumed < data.length ? Buffer.from(data.subarray(consumed)) : null;
        this.options.onProgress?.({
            file: this.options.file,
            bytes: this.bytes,
            totalBytes: this.options.totalBytes,
            rows: this.rows
        });
    }
    end() {
        if (this.carry) {
            this.parse(this.carry, true);
            this.carry = null;
        }
        if (!this.header)
            throw this.error('the file is empty: expected a header row', 1);
        if (this.rows === 0)
            throw this.error('no data rows after the header', this.line);
        const columns = new Map();
        for (const s of this.states) {
            columns.set(s.name, s.kind === 'numeric'
                ? { kind: 'numeric', name: s.name, values: s.numbers.subarray(0, this.rows) }
                : {
                    kind: 'categorical',
                    name: s.name,
                    categories: s.categories,
                    codes: s.codes.subarray(0, this.rows)
                });
        }
        return { file: this.options.file, header: this.header, rows: this.rows, columns };
    }
    error(message, line, column) {
        return new EvidenceError(column === undefined ? message : `column ${JSON.stringify(column)}: ${message}`, { file: this.options.file, line });
    }
    /**
     * Parses whole records from `buf`; returns how many bytes were consumed. An incomplete last
     * record is left for the next chunk unless `final`.
     */
    parse(buf, final) {
        const length = buf.length;
        let pos = 0;
        if (!this.started) {
            if (length < 3 && !final)
                return 0;
            this.started = true;
            if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf)
                pos = 3;
        }
        while (pos < length) {
            const recordStart = pos;
            const recordLine = this.line;
            let newlines = 0;
            this.fields = 0;
            // Blank line: skipped, as csv-parse's skip_empty_lines does.
            if (buf[pos] === LF || (buf[pos] === CR && buf[pos + 1] === LF)) {
                pos += buf[pos] === CR ? 2 : 1;
                this.line++;
                continue;
            }
            if (this.header) {
                const next = this.plainRecord(buf, pos, length);
                if (next > 0) {
                    pos = next;
                    this.line++;
                    continue;
                }
            }
            if (buf[pos] === CR && pos + 1 >= length && !final)
                return recordStart;
            for (;;) {
                if (buf[pos] === QUOTE) {
                    // Quoted field.
                    let p = pos + 1;
                    let hasEscape = false;
                    let closed = false;
                    while (p < length) {
                        const b = buf[p];
                        if (b === QUOTE) {
                            if (buf[p + 1] === QUOTE) {
                                hasEscape = true;
                                p += 2;
                                continue;
                            }
                            if (p + 1 >= length && !final)
                                break;
                            closed = true;
                            break;
                        }
                        if (b === LF)
                            newlines++;
                        p++;
                    }
                    if (!closed) {
                        if (!final)
                            return recordStart;
                        throw this.error('a quoted field is not closed before the end of the file', recordLine);
                    }
                    this.addField(pos + 1, p, hasEscape);
                    pos = p + 1;
                    const next = buf[pos];
                    if (pos >= length) {
                        break;
                    }
                    if (next === COMMA) {
                        pos++;
                        if (pos >= length && !final)
                            return recordStart;
                        if (pos >= length) {
                            this.addField(pos, pos, false);
                            break;
                        }
                        continue;
                    }
                    if (next === LF || next === CR) {
                        if (next === CR && pos + 1 >= length && !final)
                            return recordStart;
                        pos += next === CR && buf[pos + 1] === LF ? 2 : 1;
                        newlines++;
                        break;
                    }
                    throw this.error(`unexpected character ${JSON.stringify(String.fromCharCode(next))} after a closing quote`, recordLine + newlines);
                }
                // Unquoted field.
                let p = pos;
                while (p < length) {
                    const b = buf[p];
                    if (b === COMMA || b === LF || b === CR)
                        break;
                    if (b === QUOTE) {
                        throw this.error('a quote inside an unquoted field (quote the whole field and double the quote)', recordLine);
                    }
                    p++;
                }
                if (p >= length) {
                    if (!final)
                        return recordStart;
                    this.addField(pos, p, false);
                    pos = p;
                    break;
                }
                this.addField(pos, p, false);
                const b = buf[p];
                if (b === COMMA) {
                    pos = p + 1;
                    if (pos >= length) {
                        if (!final)
                            return recordStart;
                        this.addField(pos, pos, false);
                        break;
                    }
                    continue;
                }
                if (b === CR && p + 1 >= length && !final)
                    return recordStart;
                pos = p + (b === CR && buf[p + 1] === LF ? 2 : 1);
                newlines++;
                break;
            }
            this.record(buf, recordLine);
            this.line += newlines;
        }
        return pos;
    }
    text(buf, start, end, hasEscape) {
        const s = buf.toString('utf8', start, end);
        return hasEscape ? s.replaceAll('""', '"') : s;
    }
    /**
     * The common case, fused: a record of plain unquoted fields (numbers as plain decimals),
     * parsed straight into the columns in one pass. Returns the position after the
     * record's line end, or -1 to let the general path parse (or reject) the record instead.
     */
    plainRecord(buf, pos, length) {
        const nFields = this.header.length;
        const row = this.rows;
        let p = pos;
        for (let f = 0; f < nFields; f++) {
            const slot = this.slotOf[f];
            if (slot < 0) {
                while (p < length) {
                    const b = buf[p];
                    if (b === COMMA || b === LF || b === CR || b === QUOTE)
                        break;
                    p++;
                }
            }
            else if (this.states[slot].kind === 'categorical') {
                const state = this.states[slot];
                const start = p;
                while (p < length) {
                    const b = buf[p];
                    if (b === COMMA || b === LF || b === CR)
                        break;
                    if (b === QUOTE)
                        return -1;
                    p++;
                }
                if (p === start || p >= length)
                    return -1;
                const text = buf.toString('utf8', start, p);
                if (state.requested !== 'categorical' || this.normalize) {
                    const trimmed = text.trim();
                    if (MISSING.has(trimmed) || INFINITE.has(trimmed))
                        return -1;
                }
                this.addCategory(state, row, text);
            }
            else {
                let negative = false;
                let b = buf[p];
                if (b === 0x2d) {
                    negative = true;
                    p++;
                }
                else if (b === 0x2b)
                    p++;
                let high = 0;
                let low = 0;
                let lowDigits = 0;
                let significant = 0;
                let digits = 0;
                let exponent = 0;
                let seenPoint = false;
                while (p < length) {
                    b = buf[p];
                    const d = b - 0x30;
                    if (d >= 0 && d <= 9) {
                        digits++;
                        if (seenPoint)
                            exponent--;
                        if (significant !== 0 || d !== 0) {
                            significant++;
                            if (significant <= 15)
                                high = high * 10 + d;
                            else if (significant <= 19) {
                                low = low * 10 + d;
                                lowDigits++;
                            }
                            else
                                return -1;
                        }
                        p++;
                    }
                    else if (b === 0x2e && !seenPoint) {
                        seenPoint = true;
                        p++;
                    }
                    else
                        break;
                }
                if (digits === 0 || exponent < -22)
                    return -1;
                let value = significant === 0
                    ? 0
                    : lowDigits === 0
                        ? exponent < 0
                            ? high / POW10[-exponent]
                            : high
                        : scaleDecimal(high, low, lowDigits, exponent);
                if (Number.isNaN(value))
                    return -1;
                if (negative)
                    value = -value;
                const state = this.states[slot];
                if (row >= state.numbers.length)
                    state.numbers = grow(state.numbers, row + 1);
                state.numbers[row] = value;
            }
            if (p >= length)
                return -1;
            const b = buf[p];
            if (f < nFields - 1) {
                if (b !== COMMA)
                    return -1;
                p++;
            }
            else {
                if (b === LF) {
                    this.rows = row + 1;
                    return p + 1;
                }
                if (b === CR && p + 1 < length && buf[p + 1] === LF) {
                    this.rows = row + 1;
                    return p + 2;
                }
                return -1;
            }
        }
        return -1;
    }
    addField(start, end, hasEscape) {
        const f = this.fields++;
        if (f >= this.starts.length) {
            this.starts = grow(this.starts, f + 1);
            this.ends = grow(this.ends, f + 1);
            const flags = new Uint8Array(this.starts.length);
            flags.set(this.escaped);
            this.escaped = flags;
        }
        this.starts[f] = start;
        this.ends[f] = end;
        this.escaped[f] = hasEscape ? 1 : 0;
    }
    record(buf, line) {
        const fields = this.fields;
        const starts = this.starts;
        const ends = this.ends;
        const escaped = this.escaped;
        if (!this.header) {
            const names = [];
            for (let i = 0; i < fields; i++)
                names.push(this.text(buf, starts[i], ends[i], escaped[i] === 1));
            this.setHeader(names, line);
            return;
        }
        if (fields !== this.header.length) {
            throw this.error(`${fields} field${fields === 1 ? '' : 's'}, but the header has ${this.header.length}`, line);
        }
        const row = this.rows;
        for (let f = 0; f < fields; f++) {
            const slot = this.slotOf[f];
            if (slot < 0)
                continue;
            const state = this.states[slot];
            const start = starts[f];
            const end = ends[f];
            if (start === end) {
                throw this.error('empty value; drop or impute missing values before computing drift or fairness', line, state.name);
            }
            if (state.kind === 'numeric') {
                const value = escaped[f] === 1 ? NaN : parseDecimal(buf, start, end);
                if (Number.isFinite(value)) {
                    if (row >= state.numbers.length)
                        state.numbers = grow(state.numbers, row + 1);
                    state.numbers[row] = value;
                    continue;
                }
                const text = this.text(buf, start, end, escaped[f] === 1);
                this.rejectMissing(text, value, line, state);
                if (state.requested === 'numeric') {
                    throw this.error(`${JSON.stringify(text)} is not a number, but the column is numeric`, line, state.name);
                }
                this.becomeCategorical(state, row);
                this.addCategory(state, row, text);
                continue;
            }
            const text = this.text(buf, start, end, escaped[f] === 1);
            if (state.requested !== 'categorical' || this.normalize)
                this.rejectMissing(text, NaN, line, state);
            this.addCategory(state, row, text);
        }
        this.rows = row + 1;
    }
    rejectMissing(text, value, line, state) {
        if (MISSING.has(text.trim())) {
            throw this.error(`missing value ${JSON.stringify(text)}; drop or impute missing values before computing drift`, line, state.name);
        }
        if (INFINITE.has(text.trim()) || value === Infinity || value === -Infinity) {
            throw this.error(`${JSON.stringify(text)} is not a finite number`, line, state.name);
        }
    }
    addCategory(state, row, raw) {
        let key = raw;
        if (this.normalize && DECIMAL.test(raw)) {
            const asNumber = Number(raw);
            if (Number.isFinite(asNumber))
                key = String(asNumber);
        }
        let code = state.dictionary.get(key);
        if (code === undefined) {
            code = state.categories.length;
            state.categories.push(key);
            state.dictionary.set(key, code);
        }
        if (row >= state.codes.length)
            state.codes = grow(state.codes, row + 1);
        state.codes[row] = code;
    }
    /** A column read as numbers turns out to hold text: its earlier numbers become categories. */
    becomeCategorical(state, rows) {
        state.kind = 'categorical';
        state.codes = new Int32Array(Math.max(INITIAL_CAPACITY, state.numbers.length));
        for (let r = 0; r < rows; r++)
            this.addCategory(state, r, String(state.numbers[r]));
        state.numbers = new Float64Array(0);
    }
    setHeader(names, line) {
        const seen = new Set();
        for (const name of names) {
            if (seen.has(name))
                throw this.error(`the header names column ${JSON.stringify(name)} twice`, line);
            seen.add(name);
        }
        const wanted = this.options.columns ?? names;
        for (const name of wanted) {
            if (!seen.has(name)) {
                throw this.error(`no column ${JSON.stringify(name)} in the header (columns: ${names.map((n) => JSON.stringify(n)).join(', ')})`, line);
            }
        }
        this.header = names;
        this.slotOf = new Int32Array(names.length).fill(-1);
        this.states = wanted.map((name, slot) => {
            const fieldIndex = names.indexOf(name);
            this.slotOf[fieldIndex] = slot;
            const requested = this.options.kinds?.[name] ?? 'auto';
            const kind = requested === 'categorical' ? 'categorical' : 'numeric';
            return {
                name,
                fieldIndex,
                requested,
                kind,
                numbers: new Float64Array(kind === 'numeric' ? INITIAL_CAPACITY : 0),
                codes: new Int32Array(kind === 'categorical' ? INITIAL_CAPACITY : 0),
                categories: [],
                dictionary: new Map()
            };
        });
    }
}
/** Reads columns from chunks (a file stream) or one buffer. */
async function readCsvColumns(source, options) {
    const reader = new CsvColumnReader(options);
    if (source instanceof Uint8Array) {
        // One buffer: fed in slices so progress can be reported on big inputs.
        const slice = 4 << 20;
        for (let offset = 0; offset < source.length; offset += slice) {
            reader.push(source.subarray(offset, Math.min(source.length, offset + slice)));
        }
    }
    else {
        for await (const chunk of source)
            reader.push(chunk);
    }
    return reader.end();
}
/** Streams a CSV file from disk into columns. */
async function readCsvFile(path, options) {
    let totalBytes;
    try {
        totalBytes = (await stat(path)).size;
    }
    catch (error) {
        const code = error.code;
        throw new EvidenceError(code === 'ENOENT' ? 'no such file' : `cannot read: ${String(code)}`, {
            file: options.file
        });
    }
    return readCsvColumns(createReadStream(path, { highWaterMark: 1 << 20 }), { ...options, totalBytes });
}

/*
 * The chi-square p-value Evidently's legacy `chisquare` stattest reports for a categorical column
 * (facts from evidently src/evidently/calculations/stattests/chisquare_stattest.py): expected
 * counts are the reference counts scaled to the current size, observed the current counts, over
 * the categories of either sample; p = `scipy.stats.chisquare(observed, expected)[1]`, the
 * chi-square survival function at k − 1 degrees of freedom.
 */
// Lanczos approximation of log Γ (g = 7, 9 coefficients; Godfrey's table), ~1e-15 relative.
const LANCZOS = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.6150291621406,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7
];
function logGamma(x) {
    if (x < 0.5)
        return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
    const z = x - 1;
    let a = LANCZOS[0];
    const t = z + 7.5;
    for (let i = 1; i < 9; i++)
        a += LANCZOS[i] / (z + i);
    return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}
const EPS = 1e-16;
const MAX_ITERATIONS = 10000;
/** Regularised upper incomplete gamma Q(a, x) = Γ(a, x)/Γ(a). */
function gammaQ(a, x) {
    if (!(a > 0) || !(x >= 0))
        return NaN;
    if (x === 0)
        return 1;
    if (!Number.isFinite(x))
        return 0;
    const logPrefactor = a * Math.log(x) - x - logGamma(a);
    if (x < a + 1) {
        // Series for P(a, x); Q = 1 − P (no cancellation worth the name: here Q is not small).
        let term = 1 / a;
        let sum = term;
        for (let n = 1; n < MAX_ITERATIONS; n++) {
            term *= x / (a + n);
            sum += term;
            if (Math.abs(term) < Math.abs(sum) * EPS)
                break;
        }
        return 1 - sum * Math.exp(logPrefactor);
    }
    // Continued fraction for Q (modified Lentz).
    const tiny = 1e-300;
    let b = x + 1 - a;
    let c = 1 / tiny;
    let d = 1 / b;
    let h = d;
    for (let i = 1; i < MAX_ITERATIONS; i++) {
        const an = -i * (i - a);
        b += 2;
        d = an * d + b;
        if (Math.abs(d) < tiny)
            d = tiny;
        c = b + an / c;
        if (Math.abs(c) < tiny)
            c = tiny;
        d = 1 / d;
        const delta = d * c;
        h *= delta;
        if (Math.abs(delta - 1) < EPS)
            break;
    }
    return Math.exp(logPrefactor) * h;
}
/** Pr(χ²_k > x). */
function chi2Sf(x, dof) {
    if (!(dof > 0))
        return NaN;
    if (x === Infinity)
        return 0;
    return gammaQ(dof / 2, x / 2);
}
/** Evidently's chisquare drift p-value for a categorical column; null with a single category. */
function chiSquarePvalue(reference, current) {
    const categories = [...new Set([...reference.keys(), ...current.keys()])];
    if (categories.length < 2)
        return null;
    let nRef = 0;
    let nCur = 0;
    for (const count of reference.values())
        nRef += count;
    for (const count of current.values())
        nCur += count;
    const scale = nCur / nRef;
    let statistic = 0;
    for (const category of categories) {
        const expected = (reference.get(category) ?? 0) * scale;
        const observed = current.get(category) ?? 0;
        statistic += expected === 0 ? (observed === 0 ? 0 : Infinity) : (observed - expected) ** 2 / expected;
    }
    return chi2Sf(statistic, categories.length - 1);
}

/*
 * Double-double arithmetic: a value is the unevaluated sum hi + lo of two doubles, about 32
 * significant digits. The Smirnov sum raises numbers like 1 − x − v/n to powers in the
 * hundreds of thousands, which multiplies the rounding error of the base by the exponent; scipy's
 * cephes `smirnov` carries the bases in double-double for that reason, and so do we.
 * (Algorithms: Dekker 1971 / Knuth TAOCP 4.2.2 error-free transformations, as in the QD library
 * by Hida, Li and Bailey.)
 */
const DD_ZERO = { hi: 0, lo: 0 };
const DD_ONE = { hi: 1, lo: 0 };
const SPLITTER = 134217729; // 2^27 + 1
function split(a) {
    const t = SPLITTER * a;
    const hi = t - (t - a);
    return [hi, a - hi];
}
function quickTwoSum(a, b) {
    const s = a + b;
    return { hi: s, lo: b - (s - a) };
}
/** a + b exactly, as a double-double. */
function twoSum(a, b) {
    const s = a + b;
    const bb = s - a;
    return { hi: s, lo: a - (s - bb) + (b - bb) };
}
/** a · b exactly, as a double-double. */
function twoProd(a, b) {
    const p = a * b;
    const [ah, al] = split(a);
    const [bh, bl] = split(b);
    return { hi: p, lo: ah * bh - p + ah * bl + al * bh + al * bl };
}
function ddAdd(a, b) {
    const s = twoSum(a.hi, b.hi);
    const t = twoSum(a.lo, b.lo);
    const u = quickTwoSum(s.hi, s.lo + t.hi);
    return quickTwoSum(u.hi, u.lo + t.lo);
}
const ddNeg = (a) => ({ hi: -a.hi, lo: -a.lo });
const ddSub = (a, b) => ddAdd(a, ddNeg(b));
const ddAddD = (a, b) => ddAdd(a, { hi: b, lo: 0 });
const ddSubD = (a, b) => ddAdd(a, { hi: -b, lo: 0 });
function ddMul(a, b) {
    const p = twoProd(a.hi, b.hi);
    return quickTwoSum(p.hi, p.lo + (a.hi * b.lo + a.lo * b.hi));
}
const ddMulD = (a, b) => ddMul(a, { hi: b, lo: 0 });
/** a / b for doubles, to double-double precision. */
function ddDivDoubles(a, b) {
    const q1 = a / b;
    const p = twoProd(q1, b);
    const s = twoSum(a, -p.hi);
    const q2 = (s.hi + (s.lo - p.lo)) / b;
    return quickTwoSum(q1, q2);
}
function ddDiv(a, b) {
    const q1 = a.hi / b.hi;
    let r = ddSub(a, ddMulD(b, q1));
    const q2 = r.hi / b.hi;
    r = ddSub(r, ddMulD(b, q2));
    const q3 = r.hi / b.hi;
    return ddAddD(quickTwoSum(q1, q2), q3);
}
function ddFloor(a) {
    const hi = Math.floor(a.hi);
    if (hi !== a.hi)
        return { hi, lo: 0 };
    return quickTwoSum(hi, Math.floor(a.lo));
}
const ddIsZero = (a) => a.hi === 0;
const ddIsFinite = (a) => Number.isFinite(a.hi);
const ddValue = (a) => a.hi + a.lo;
/** x · 2^e without spurious overflow/underflow of the factor itself. */
function ldexp(x, e) {
    if (x === 0 || !Number.isFinite(x))
        return x;
    let result = x;
    let exponent = e;
    while (exponent > 1000) {
        result *= 2 ** 1000;
        exponent -= 1000;
    }
    while (exponent < -1e3) {
        result *= 2 ** -1e3;
        exponent += 1000;
        if (result === 0)
            return result;
    }
    return result * 2 ** exponent;
}
/** [m, e] with x = m · 2^e and 0.5 ≤ |m| < 1 (C's frexp). */
function frexp(x) {
    if (x === 0 || !Number.isFinite(x))
        return [x, 0];
    let e = Math.floor(Math.log2(Math.abs(x))) + 1;
    let m = ldexp(x, -e);
    // log2 can be off by one near powers of two.
    while (Math.abs(m) >= 1) {
        m /= 2;
        e += 1;
    }
    while (Math.abs(m) < 0.5) {
        m *= 2;
        e -= 1;
    }
    return [m, e];
}
function ddFrexp(a) {
    const [hi, e] = frexp(a.hi);
    return [{ hi, lo: ldexp(a.lo, -e) }, e];
}
function ddLdexp(a, e) {
    return { hi: ldexp(a.hi, e), lo: ldexp(a.lo, e) };
}

/*
 * Survival functions of the Kolmogorov–Smirnov statistics, following the algorithms scipy uses
 * (facts from scipy/stats/_ksstats.py `_kolmogn` and scipy/special cephes `kolmogorov.c`
 * `_smirnov`, transcribed, not translated line by line):
 *
 * - `smirnovSf(n, x)`: one-sided Pr(D+_n > x) by the Birnbaum–Tingey sum, bases in double-double
 *   (van Mulbregt 2018, arXiv:1802.06966);
 * - `kolmogornSf(n, x)`: two-sided Pr(D_n > x) for finite n (`scipy.stats.kstwo.sf`), choosing
 *   between Ruben–Gambino closed forms, 2·smirnov, the Durbin matrix (Marsaglia–Tsang–Wang 2003),
 *   Pomeranz (1974) and Pelz–Good (1976) exactly where Simard & L'Ecuyer (2011) and scipy do.
 */
const MINLOG = -708.3964185322641; // cephes: log(2^-1022)
const SMIRNOV_MAX_COMPUTE_N = 1000000;
const SM_UPPER_MAX_TERMS = 3;
const SM_UPPERSUM_MIN_N = 10;
const MAX_EXPONENT = 960;
const DBL_EPSILON = 2.220446049250313e-16;
function powD(a, m) {
    if (m <= 0) {
        if (m === 0)
            return DD_ONE;
        return ddDiv(DD_ONE, powD(a, -m));
    }
    if (ddIsZero(a))
        return DD_ZERO;
    const ans = Math.pow(a.hi, m);
    const r = a.lo / a.hi;
    let adj = m * r;
    if (Math.abs(adj) > 1e-8) {
        // Two Taylor terms of (1 + r)^m when small, else exp of the scaled log.
        adj = Math.abs(adj) < 1e-4 ? adj + m * r * (((m - 1) / 2) * r) : Math.expm1(m * Math.log1p(r));
    }
    return twoSum(ans, ans * adj);
}
function nextPowerOf2(x) {
    const q = ldexp(x, 1 - 53);
    let l = Math.abs(q + x);
    if (l === 0)
        l = Math.abs(x);
    else if (Math.trunc(l) === l)
        l = Math.trunc(l);
    return l;
}
/** a^m as [significand, binary exponent], so that huge exponents neither underflow nor overflow. */
function pow2Scaled(a, m) {
    if (m <= 0) {
        if (m === 0)
            return [DD_ONE, 0];
        const [inv, e1] = pow2Scaled(a, -m);
        const [ans, e2] = ddFrexp(ddDiv(DD_ONE, inv));
        return [ans, -e1 + e2];
    }
    const [y, yE] = ddFrexp(a);
    if (m === 1)
        return [y, yE];
    let maxExpt = MAX_EXPONENT;
    if ((m * (y.hi - 1)) / y.hi < -MAX_EXPONENT * Math.LN2) {
        const lg2y = Math.log(y.hi) / Math.LN2;
        if (m * lg2y <= -MAX_EXPONENT)
            maxExpt = Math.trunc(nextPowerOf2(-MAX_EXPONENT / lg2y + 1) / 2);
    }
    if (m <= maxExpt) {
        const [ans, ansE] = ddFrexp(powD(y, m));
        return [ans, ansE + m * yE];
    }
    const q = Math.trunc(m / maxExpt);
    const r = m % maxExpt;
    const [y2r, y2rE] = pow2Scaled(y, r);
    const [y2m, y2mE] = pow2Scaled(y, maxExpt);
    const [y2mq, y2mqE0] = pow2Scaled(y2m, q);
    const [ans, ansE0] = ddFrexp(ddMul(y2r, y2mq));
    const y2mqE = y2mqE0 + y2mE * q;
    return [ans, ansE0 + y2mqE + y2rE + m * yE];
}
/** ((a + b) / (c + d))^m in double-double. */
function pow4(a, b, c, d, m) {
    if (m <= 0) {
        if (m === 0)
            return DD_ONE;
        return pow4(c, d, a, b, -m);
    }
    const A = twoSum(a, b);
    const C = twoSum(c, d);
    if (ddIsZero(A))
        return ddIsZero(C) ? { hi: NaN, lo: NaN } : DD_ZERO;
    if (ddIsZero(C))
        return A.hi < 0 ? { hi: -Infinity, lo: 0 } : { hi: Infinity, lo: 0 };
    return powD(ddDiv(A, C), m);
}
/** floor(n·x) and its fractional part, computed exactly (n·x in double-double). */
function modNX(n, x) {
    const nxD = twoProd(n, x);
    const floorD = ddFloor(nxD);
    let alpha = ddSub(nxD, floorD).hi;
    let nxFloor = ddValue(floorD);
    if (alpha === 1) {
        nxFloor += 1;
        alpha = 0;
    }
    return { alpha, nxFloor };
}
function updateBinomial(c, n, j) {
    const [man, e] = ddFrexp(ddMul(c.man, ddDivDoubles(n - j, j + 1)));
    c.expt += e;
    c.man = man;
}
/** A_v(n, x) = C(n, v) · (1 − x − v/n)^(n−v) · (x + v/n)^(v−1). */
function termAv(n, x, v, c) {
    const [t2, t2E] = pow2Scaled(ddSubD(ddDivDoubles(n - v, n), x), n - v);
    const [t1, t1E] = pow2Scaled(ddAddD(ddDivDoubles(v, n), x), v - 1);
    return ddLdexp(ddMul(ddMul(t1, t2), c.man), c.expt + t1E + t2E);
}
const FAST_TERMS_MIN_N = 2000;
/** q = a / b to double-double precision, returned as q + (correction); inlined for the hot loop. */
function divCorrection(a, b, q) {
    // Error-free a − q·b (Dekker), then the next digit of the quotient.
    const t = 134217729 * q;
    const qh = t - (t - q);
    const ql = q - qh;
    const u = 134217729 * b;
    const bh = u - (u - b);
    const bl = b - bh;
    const p = q * b;
    const pe = qh * bh - p + qh * bl + ql * bh + ql * bl;
    return (a - p - pe) / b;
}
/**
 * The Birnbaum–Tingey terms j = 1 … nTerms − 1 of the lower sum, each as
 * exp(log C(n, v) + (n − v)·log(1 − x − v/n) + (v − 1)·log(x + v/n)) with the bases in
 * double-double and log C accumulated with compensation: the same terms and stopping rule as
 * scipy, at a cost that stays reasonable for n in the hundreds of thousands.
 * Returns the sum of the terms (the j = 0 term excluded).
 */
function lowerSumByLogs(n, x, nTerms, firstTerm) {
    const vmid = Math.trunc(n / 2);
    let sum = firstTerm;
    let sumErr = 0;
    // log C(n, 1) = log n.
    let logC = Math.log(n);
    let logCErr = 0;
    for (let v = 1; v < nTerms; v++) {
        const qLow = (n - v) / n;
        const lowHi = qLow - x;
        const lowLo = divCorrection(n - v, n, qLow) + (qLow - lowHi - x);
        const qHigh = v / n;
        const highHi = qHigh + x;
        const highLo = divCorrection(v, n, qHigh) + (qHigh - highHi + x);
        const logTerm = logC +
            logCErr +
            (n - v) * (Math.log(lowHi) + lowLo / lowHi) +
            (v - 1) * (Math.log(highHi) + highLo / highHi);
        const term = Math.exp(logTerm);
        if (term !== 0 && Number.isFinite(term)) {
            const s = sum + term;
            sumErr += sum - s + term;
            sum = s;
        }
        if (term !== 0) {
            if (4 * (nTerms - v) * term < DBL_EPSILON * (sum + sumErr) && v !== nTerms - 1)
                break;
        }
        else if (v > vmid) {
            break;
        }
        // C(n, v + 1) = C(n, v) · (n − v)/(v + 1)
        const r = (n - v) / (v + 1);
        const logR = Math.log(r) + divCorrection(n - v, v + 1, r) / r;
        const c = logC + logR;
        logCErr += logC - c + logR;
        logC = c;
    }
    return sum + sumErr;
}
const clip01 = (p) => (p < 0 ? 0 : p > 1 ? 1 : p);
/** One-sided Kolmogorov–Smirnov survival function Pr(D+_n > x) (`scipy.special.smirnov`). */
function smirnovSf(n, x) {
    if (!(n > 0 && x >= 0 && x <= 1))
        return NaN;
    if (n === 1)
        return 1 - x;
    if (x === 0)
        return 1;
    if (x === 1)
        return 0;
    const { alpha, nxFloor } = modNX(n, x);
    let n1mxfl = n - nxFloor - (alpha === 0 ? 0 : 1);
    let n1mxceil = n - nxFloor;
    if (alpha === 0) {
        n1mxfl -= 1;
        n1mxceil += 1;
    }
    // x ≤ 1/n: closed form.
    if (nxFloor === 0 || (nxFloor === 1 && alpha === 0)) {
        const t = ddValue(pow4(1, x, 1, 0, n - 1));
        return clip01(1 - x * t);
    }
    // The survival function underflows.
    if (-2 * n * x * x < MINLOG)
        return 0;
    // x ≥ 1 − 1/n: closed form.
    if (nxFloor >= n - 1)
        return clip01(ddValue(pow4(1, -x, 1, 0, n)));
    // Very large n: the cephes approximation p ≈ exp(−(6nx + 1)² / 18n).
    if (n > SMIRNOV_MAX_COMPUTE_N) {
        const logp = -Math.pow(6 * n * x + 1, 2) / 18 / n;
        return clip01(logp < -Math.LN2 ? Math.exp(logp) : 1 - -Math.expm1(logp));
    }
    const nUpperTerms = n - n1mxceil + 1;
    const useUpperSum = (nUpperTerms <= 1 && x < 0.5) ||
        (n >= SM_UPPERSUM_MIN_N && nUpperTerms <= SM_UPPER_MAX_TERMS && x <= 0.5 / Math.sqrt(n));
    let start = 0;
    let step = 1;
    let nTerms = n1mxfl + 1;
    const vmid = Math.trunc(n / 2);
    const binomial = { man: DD_ONE, expt: 0 };
    let aj;
    if (useUpperSum) {
        start = n;
        step = -1;
        nTerms = n - n1mxceil + 1;
        aj = pow4(1, x, 1, 0, n - 1);
    }
    else {
        aj = ddDiv(pow4(1, -x, 1, 0, n), { hi: x, lo: 0 });
    }
    if (!useUpperSum && n > FAST_TERMS_MIN_N) {
        // Past this n the term-by-term double-double powers dominate the run time.
        return clip01(x * lowerSumByLogs(n, x, nTerms, ddValue(aj)));
    }
    let sum = ddAdd(DD_ZERO, aj);
    updateBinomial(binomial, n, 0);
    for (let j = 1; j < nTerms; j++) {
        const v = start + j * step;
        aj = termAv(n, x, v, binomial);
        if (ddIsFinite(aj) && !ddIsZero(aj))
            sum = ddAdd(sum, aj);
        if (!ddIsZero(aj)) {
            if (4 * (nTerms - j) * Math.abs(ddValue(aj)) < DBL_EPSILON * ddValue(sum) && j !== nTerms - 1)
                break;
        }
        else if (j > vmid) {
            break;
        }
        updateBinomial(binomial, n, j);
    }
    const prob = ddValue(ddMul({ hi: x, lo: 0 }, sum));
    return clip01(step < 0 ? 1 - prob : prob);
}
// ---------------------------------------------------------------------------------------------
// Two-sided, finite n.
const E128 = 128;
const EP128 = 2 ** 128;
const EM128 = 2 ** -128;
const SQRT2PI = Math.sqrt(2 * Math.PI);
const LOG_2PI = Math.log(2 * Math.PI);
const MIN_LOG = -708;
const SQRT3 = Math.sqrt(3);
const PI_SQUARED = Math.PI ** 2;
const PI_FOUR = Math.PI ** 4;
const PI_SIX = Math.PI ** 6;
// Stirling series coefficients, highest power first (scipy _ksstats._STIRLING_COEFFS).
const STIRLING = [
    -0.029550653594771242, 0.00641025641025641, -0.0019175269175269176, 0.0008417508417508417,
    -5952380952380953e-19, 0.0007936507936507937, -0.002777777777777778, 0.08333333333333333
];
function logNFactorialOverNPowN(n) {
    const rn = 1 / n;
    let poly = 0;
    for (const c of STIRLING)
        poly = poly * (rn / n) + c;
    return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
}
function matmul(a, b, m) {
    const out = new Float64Array(m * m);
    for (let i = 0; i < m; i++) {
        for (let k = 0; k < m; k++) {
            const aik = a[i * m + k];
            if (aik === 0)
                continue;
            const bRow = k * m;
            const oRow = i * m;
            for (let j = 0; j < m; j++)
                out[oRow + j] += aik * b[bRow + j];
        }
    }
    return out;
}
/** Pr(D_n ≤ d) by the Durbin matrix, Marsaglia–Tsang–Wang's scaling. */
function kolmognDurbinCdf(n, d) {
    if (d >= 1)
        return 1;
    const nd = n * d;
    if (nd <= 0.5)
        return 0;
    const k = Math.ceil(nd);
    const h = k - nd;
    const m = 2 * k - 1;
    let H = new Float64Array(m * m);
    const v = new Float64Array(m);
    const w = new Float64Array(m);
    let fac = 1;
    for (let j = 1; j <= m; j++) {
        v[j - 1] = 1 - h ** j;
        w[j - 1] = fac;
        fac /= j;
        v[j - 1] *= fac;
    }
    const tt = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
    v[m - 1] = (1 + tt) * fac;
    for (let i = 1; i < m; i++)
        for (let r = i - 1; r < m; r++)
            H[r * m + i] = w[r - (i - 1)];
    for (let r = 0; r < m; r++)
        H[r * m] = v[r];
    for (let c = 0; c < m; c++)
        H[(m - 1) * m + c] = v[m - 1 - c];
    let power = new Float64Array(m * m);
    for (let i = 0; i < m; i++)
        power[i * m + i] = 1;
    let nn = n;
    let expnt = 0;
    let hExpnt = 0;
    while (nn > 0) {
        if (nn % 2) {
            power = matmul(power, H, m);
            expnt += hExpnt;
        }
        H = matmul(H, H, m);
        hExpnt *= 2;
        if (Math.abs(H[(k - 1) * m + (k - 1)]) > EP128) {
            for (let i = 0; i < H.length; i++)
                H[i] /= EP128;
            hExpnt += E128;
        }
        nn = Math.floor(nn / 2);
    }
    let p = power[(k - 1) * m + (k - 1)];
    for (let i = 1; i <= n; i++) {
        p = (i * p) / n;
        if (Math.abs(p) < EM128) {
            p *= EP128;
            expnt -= E128;
        }
    }
    if (expnt !== 0)
        p = ldexp(p, expnt);
    return clip01(p);
}
function pomeranzInterval(i, n, ll, ceilf, roundf) {
    let j1;
    let j2;
    if (i === 0) {
        j1 = -ll - ceilf - 1;
        j2 = ll + ceilf - 1;
    }
    else {
        const half = Math.floor((i + 1) / 2);
        const odd = (i + 1) % 2 === 0;
        if (odd) {
            if (half === n + 1) {
                j1 = n - ll - ceilf - 1;
                j2 = n + ll + ceilf - 1;
            }
            else {
                j1 = half - 1 - ll - roundf - 1;
                j2 = half + ll - 1 + ceilf - 1;
            }
        }
        else {
            j1 = half - 1 - ll - 1;
            j2 = half + ll + roundf - 1;
        }
    }
    return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}
/** Pr(D_n ≤ x) by Pomeranz's recursion. */
function kolmognPomeranzCdf(n, x) {
    const t = n * x;
    const ll = Math.floor(t);
    const f = t - ll;
    const g = Math.min(f, 1 - f);
    const ceilf = f > 0 ? 1 : 0;
    const roundf = f > 0.5 ? 1 : 0;
    const npwrs = 2 * (ll + 1);
    const gpower = new Float64Array(npwrs);
    const twogpower = new Float64Array(npwrs);
    const onem2gpower = new Float64Array(npwrs);
    gpower[0] = twogpower[0] = onem2gpower[0] = 1;
    let expnt = 0;
    const gOverN = g / n;
    const twoGOverN = (2 * g) / n;
    const oneMinusTwoGOverN = (1 - 2 * g) / n;
    for (let m = 1; m < npwrs; m++) {
        gpower[m] = (gpower[m - 1] * gOverN) / m;
        twogpower[m] = (twogpower[m - 1] * twoGOverN) / m;
        onem2gpower[m] = (onem2gpower[m - 1] * oneMinusTwoGOverN) / m;
    }
    let V0 = new Float64Array(npwrs);
    let V1 = new Float64Array(npwrs);
    V1[0] = 1;
    let V0s = 0;
    let V1s = 0;
    let j1 = pomeranzInterval(0, n, ll, ceilf, roundf)[0];
    for (let i = 1; i < 2 * n + 2; i++) {
        const k1 = j1;
        [V0, V1] = [V1, V0];
        [V0s, V1s] = [V1s, V0s];
        V1.fill(0);
        const interval = pomeranzInterval(i, n, ll, ceilf, roundf);
        j1 = interval[0];
        const j2 = interval[1];
        const pwrs = i === 1 || i === 2 * n + 1 ? gpower : i % 2 ? twogpower : onem2gpower;
        const ln2 = j2 - k1 + 1;
        if (ln2 > 0) {
            // Full convolution of V0[k1 - V0s ..][0, ln2) with pwrs[0, ln2), entries [j1 - k1, j2 - k1].
            const base = k1 - V0s;
            const convStart = j1 - k1;
            const convLen = j2 - j1 + 1;
            let max = 0;
            for (let c = 0; c < convLen; c++) {
                const idx = convStart + c;
                let s = 0;
                for (let a = Math.max(0, idx - (ln2 - 1)); a <= Math.min(idx, ln2 - 1); a++)
                    s += V0[base + a] * pwrs[idx - a];
                V1[c] = s;
                if (s > max)
                    max = s;
            }
            if (max > 0 && max < EM128) {
                for (let c = 0; c < V1.length; c++)
                    V1[c] *= EP128;
                expnt -= E128;
            }
            V1s = V0s + j1 - k1;
        }
    }
    let ans = V1[n - V1s];
    for (let m = 1; m <= n; m++) {
        if (Math.abs(ans) > EP128) {
            ans *= EM128;
            expnt += E128;
        }
        ans *= m;
    }
    if (expnt !== 0)
        ans = ldexp(ans, expnt);
    return clip01(ans);
}
/** Pelz–Good asymptotic approximation of Pr(D_n ≤ x). */
function kolmognPelzGoodCdf(n, x) {
    if (x <= 0)
        return 0;
    if (x >= 1)
        return 1;
    const z = Math.sqrt(n) * x;
    const z2 = z ** 2;
    const z3 = z ** 3;
    const z4 = z ** 4;
    const z6 = z ** 6;
    const qlog = -PI_SQUARED / 8 / z2;
    if (qlog < MIN_LOG)
        return 0;
    let q = Math.exp(qlog);
    const k1a = -z2;
    const k1b = PI_SQUARED / 4;
    const k2a = 6 * z6 + 2 * z4;
    const k2b = ((2 * z4 - 5 * z2) * PI_SQUARED) / 4;
    const k2c = (PI_FOUR * (1 - 2 * z2)) / 16;
    const k3d = (PI_SIX * (5 - 30 * z2)) / 64;
    const k3c = (PI_FOUR * (-60 * z2 + 212 * z4)) / 16;
    const k3b = (PI_SQUARED * (135 * z4 - 96 * z6)) / 4;
    const k3a = -30 * z6 - 90 * z ** 8;
    const K = [0, 0, 0, 0];
    const maxk = Math.ceil((16 * z) / Math.PI);
    for (let k = maxk; k > 0; k--) {
        const m = 2 * k - 1;
        const m2 = m ** 2;
        const m4 = m ** 4;
        const m6 = m ** 6;
        const qpower = Math.pow(q, 8 * k);
        const coeffs = [1, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6];
        for (let i = 0; i < 4; i++)
            K[i] = K[i] * qpower + coeffs[i];
    }
    const div = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
    for (let i = 0; i < 4; i++)
        K[i] = (K[i] * q * SQRT2PI) / div[i];
    q = Math.exp(-PI_SQUARED / 2 / z2);
    let k2extra = 0;
    let k3extra = 0;
    const sqrt3z = SQRT3 * z;
    for (let k = maxk; k > 0; k--) {
        const k2 = k * k;
        const qp = q ** k2;
        k2extra += k2 * qp;
        const kspi = Math.PI * k;
        k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * k2 * qp;
    }
    K[2] = K[2] + k2extra * ((PI_SQUARED * SQRT2PI) / (-36 * z3));
    K[3] = K[3] + k3extra * ((PI_SQUARED * SQRT2PI) / (216 * z6));
    let sum = 0;
    for (let i = 0; i < 4; i++)
        sum += K[i] / Math.pow(n, i / 2);
    return sum;
}
/**
 * Two-sided Kolmogorov–Smirnov survival function Pr(D_n > x) for a sample of size n
 * (`scipy.stats.kstwo.sf(x, n)`).
 */
function kolmogornSf(n, x) {
    if (!Number.isInteger(n) || n <= 0)
        return NaN;
    if (Number.isNaN(x))
        return NaN;
    if (x >= 1)
        return 0;
    if (x <= 0)
        return 1;
    const t = n * x;
    if (t <= 1) {
        // Ruben–Gambino: 1/2n ≤ x ≤ 1/n.
        if (t <= 0.5)
            return 1;
        let prob;
        if (n <= 140) {
            prob = 1;
            for (let i = 1; i <= n; i++)
                prob *= i * (1 / n) * (2 * t - 1);
        }
        else {
            prob = Math.exp(logNFactorialOverNPowN(n) + n * Math.log(2 * t - 1));
        }
        return clip01(1 - prob);
    }
    if (t >= n - 1)
        return clip01(2 * (1 - x) ** n);
    if (x >= 0.5)
        return clip01(2 * smirnovSf(n, x));
    const nxSquared = t * x;
    if (n <= 140) {
        if (nxSquared <= 0.754693)
            return clip01(1 - kolmognDurbinCdf(n, x));
        if (nxSquared <= 4)
            return clip01(1 - kolmognPomeranzCdf(n, x));
        return clip01(2 * smirnovSf(n, x));
    }
    if (nxSquared >= 370)
        return 0;
    if (nxSquared >= 2.2)
        return clip01(2 * smirnovSf(n, x));
    const cdf = n <= 100000 && n * x ** 1.5 <= 1.4 ? kolmognDurbinCdf(n, x) : clip01(kolmognPelzGoodCdf(n, x));
    return clip01(1 - cdf);
}

/**
 * A sorted copy of a sample, in numeric order. Float64Array#sort without a comparator is a
 * numeric sort in native code; an LSD radix sort on the IEEE bit patterns was measured no faster
 * on a million values (both are memory-bound), so the simple form stays.
 */
function sortedFloat64(values) {
    const copy = Float64Array.from(values);
    copy.sort();
    return copy;
}

/** Samples at most this large (both) get the exact p-value (scipy's MAX_AUTO_N). */
const MAX_EXACT_N = 10000;
function gcd(a, b) {
    while (b)
        [a, b] = [b, a % b];
    return a;
}
/** numpy's round(): halves go to the even neighbour. */
function roundHalfEven(x) {
    const r = Math.round(x);
    return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
/** Pr(D_{n,n} ≥ h/n): 2·(A0 − A0·A1 + …) in Horner form, each term a ratio of binomials. */
function probOutsideSquare(n, h) {
    let p = 0;
    for (let k = Math.floor(n / h); k >= 0; k--) {
        let p1 = 1;
        for (let j = 0; j < h; j++)
            p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
        p = p1 * (1 - p);
    }
    return 2 * p;
}
/**
 * Share of lattice paths from (0,0) to (m,n) that leave |nx/g − my/g| < h, computed directly as
 * a probability (each column rescaled by the binomial ratio, Viehmann's 1 − p recursion).
 */
function probOutsideBand(m0, n0, g, h) {
    const [m, n] = m0 < n0 ? [n0, m0] : [m0, n0];
    const mg = m / g;
    const ng = n / g;
    let minj = 0;
    let maxj = Math.min(Math.ceil(h / mg), n + 1);
    let curlen = maxj - minj;
    const lenA = Math.min(2 * maxj + 2, n + 1);
    const A = new Float64Array(lenA).fill(1);
    A.fill(0, minj, maxj);
    for (let i = 1; i <= m; i++) {
        const lastminj = minj;
        const lastlen = curlen;
        minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
        maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
        if (maxj <= minj)
            return 1;
        let val = minj === 0 ? 0 : 1;
        const shift = minj - lastminj;
        for (let jj = 0; jj < maxj - minj; jj++) {
            const j = jj + minj;
            val = (A[jj + shift] * i + val * j) / (i + j);
            A[jj] = val;
        }
        curlen = maxj - minj;
        if (lastlen > curlen)
            A.fill(1, maxj - minj, maxj - minj + (lastlen - curlen));
    }
    return A[maxj - minj - 1];
}
/** The two-sided statistic on sorted samples (pooled-value ECDF differences). */
function ksStatisticSorted(a, b) {
    const n1 = a.length;
    const n2 = b.length;
    let i = 0;
    let j = 0;
    let maxS = -Infinity;
    let minS = Infinity;
    while (i < n1 || j < n2) {
        // The next pooled value; both ECDFs are evaluated just right of it.
        const value = j >= n2 || (i < n1 && a[i] <= b[j]) ? a[i] : b[j];
        while (i < n1 && a[i] <= value)
            i++;
        while (j < n2 && b[j] <= value)
            j++;
        const diff = i / n1 - j / n2;
        if (diff > maxS)
            maxS = diff;
        if (diff < minS)
            minS = diff;
    }
    const minusMin = Math.min(Math.max(-minS, 0), 1);
    return minusMin > maxS ? minusMin : maxS;
}
/** The p-value for a statistic of sorted samples of sizes n1, n2 (method auto). */
function ksPvalue(d, n1, n2) {
    if (Math.max(n1, n2) <= MAX_EXACT_N) {
        const g = gcd(n1, n2);
        const lcm = (n1 / g) * n2;
        const h = roundHalfEven(d * lcm);
        const snapped = h / lcm;
        if (h === 0)
            return { statistic: snapped, pvalue: 1, method: 'exact' };
        const prob = n1 === n2 ? probOutsideSquare(n1, h) : probOutsideBand(n1, n2, g, h);
        if (prob >= 0 && prob <= 1)
            return { statistic: snapped, pvalue: prob, method: 'exact' };
        // scipy: "Exact calculation unsuccessful. Switching to method=asymp", with the snapped D.
        d = snapped;
    }
    const [m, n] = n1 >= n2 ? [n1, n2] : [n2, n1];
    const en = (m * n) / (m + n);
    const p = kolmogornSf(roundHalfEven(en), d);
    return { statistic: d, pvalue: Math.min(Math.max(p, 0), 1), method: 'asymp' };
}
function hasNaN(values) {
    for (const v of values)
        if (Number.isNaN(v))
            return true;
    return false;
}
/** Two-sided two-sample KS test of already sorted samples. */
function ks2sampSorted(a, b) {
    if (a.length === 0 || b.length === 0)
        throw new StatisticsError('KS test needs two non-empty samples');
    if (Number.isNaN(a[a.length - 1]) || Number.isNaN(b[b.length - 1])) {
        throw new StatisticsError('KS test samples must not contain NaN');
    }
    return ksPvalue(ksStatisticSorted(a, b), a.length, b.length);
}
/** `scipy.stats.ks_2samp(a, b)` (two-sided, method auto). Inputs are not modified. */
function ks2samp(a, b) {
    if (hasNaN(a) || hasNaN(b))
        throw new StatisticsError('KS test samples must not contain NaN');
    return ks2sampSorted(sortedFloat64(a), sortedFloat64(b));
}

/** Evidently's threshold: numeric columns with more distinct reference values get histogram bins. */
const MAX_DISTINCT_FOR_CATEGORIES = 20;
/** Replaces zero shares in place, by Evidently's rule. */
function fillZeroShares(shares) {
    let smallest = Infinity;
    for (const share of shares)
        if (share !== 0 && share < smallest)
            smallest = share;
    const fill = smallest <= 0.0001 ? smallest / 10 ** 6 : 0.0001;
    for (let i = 0; i < shares.length; i++)
        if (shares[i] === 0)
            shares[i] = fill;
}
function psiOfShares(reference, current) {
    let psi = 0;
    for (let i = 0; i < reference.length; i++) {
        const r = reference[i];
        const c = current[i];
        psi += (r - c) * Math.log(r / c);
    }
    return psi;
}
/** First index with sorted[i] >= value (`searchsorted(side='left')`). */
function lowerBound(sorted, value) {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (sorted[mid] < value)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}
/** First index with sorted[i] > value (`searchsorted(side='right')`). */
function upperBound(sorted, value) {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (sorted[mid] <= value)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}
/** Distinct values in a sorted array, counting no further than `limit + 1`. */
function countDistinctSorted(sorted, limit = Infinity) {
    let distinct = 0;
    for (let i = 0; i < sorted.length && distinct <= limit; i++)
        if (i === 0 || sorted[i] !== sorted[i - 1])
            distinct++;
    return distinct;
}
/** `numpy.histogram_bin_edges(values, bins='sturges')` for the union of two sorted samples. */
function sturgesEdges(a, b) {
    const size = a.length + b.length;
    let first = Math.min(a[0], b[0]);
    let last = Math.max(a[a.length - 1], b[b.length - 1]);
    if (!Number.isFinite(first) || !Number.isFinite(last)) {
        throw new StatisticsError(`autodetected range of [${first}, ${last}] is not finite`);
    }
    const width = (last - first) / (Math.log2(size) + 1);
    if (first === last) {
        first -= 0.5;
        last += 0.5;
    }
    const bins = width ? Math.ceil((last - first) / width) : 1;
    // numpy.linspace(first, last, bins + 1): i·step + first, the last edge set to `last` exactly.
    const edges = new Float64Array(bins + 1);
    const step = (last - first) / bins;
    for (let i = 0; i <= bins; i++)
        edges[i] = i * step + first;
    edges[bins] = last;
    for (let i = 0; i < bins; i++) {
        if (!(edges[i] < edges[i + 1])) {
            throw new StatisticsError(`too many bins for the data range: cannot create ${bins} finite-sized bins`);
        }
    }
    return edges;
}
/** `numpy.histogram(sorted, edges)[0] / n` for sorted values. */
function histogramShares(sorted, edges) {
    const bins = edges.length - 1;
    const shares = new Float64Array(bins);
    let previous = lowerBound(sorted, edges[0]);
    for (let i = 1; i <= bins; i++) {
        const cumulative = i === bins ? upperBound(sorted, edges[i]) : lowerBound(sorted, edges[i]);
        shares[i - 1] = (cumulative - previous) / sorted.length;
        previous = cumulative;
    }
    return shares;
}
/** Shares of each distinct value of either sorted sample, in ascending value order. */
function distinctShares(a, b) {
    const sa = [];
    const sb = [];
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
        const value = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
        const i0 = i;
        const j0 = j;
        while (i < a.length && a[i] === value)
            i++;
        while (j < b.length && b[j] === value)
            j++;
        sa.push((i - i0) / a.length);
        sb.push((j - j0) / b.length);
    }
    return [Float64Array.from(sa), Float64Array.from(sb)];
}
/** PSI of a numeric column from sorted reference and current samples (no NaN). */
function psiNumericSorted(reference, current) {
    if (reference.length === 0 || current.length === 0)
        throw new StatisticsError('PSI needs two non-empty samples');
    let ref;
    let cur;
    let binning;
    if (countDistinctSorted(reference, MAX_DISTINCT_FOR_CATEGORIES) > MAX_DISTINCT_FOR_CATEGORIES) {
        const edges = sturgesEdges(reference, current);
        ref = histogramShares(reference, edges);
        cur = histogramShares(current, edges);
        binning = 'sturges';
    }
    else {
        [ref, cur] = distinctShares(reference, current);
        binning = 'distinct';
    }
    fillZeroShares(ref);
    fillZeroShares(cur);
    return { psi: psiOfShares(ref, cur), bins: ref.length, binning };
}
/** Categories of either sample, sorted, with their shares in each sample. */
function categoryShares(reference, current) {
    const total = (counts) => [...counts.values()].reduce((s, c) => s + c, 0);
    const nRef = total(reference);
    const nCur = total(current);
    if (nRef === 0 || nCur === 0)
        throw new StatisticsError('PSI needs two non-empty samples');
    const categories = [...new Set([...reference.keys(), ...current.keys()])].sort();
    return {
        categories,
        reference: Float64Array.from(categories, (c) => (reference.get(c) ?? 0) / nRef),
        current: Float64Array.from(categories, (c) => (current.get(c) ?? 0) / nCur)
    };
}
/** PSI of a categorical column: one bin per category of either sample. */
function psiCategorical(reference, current) {
    const shares = categoryShares(reference, current);
    fillZeroShares(shares.reference);
    fillZeroShares(shares.current);
    return {
        psi: psiOfShares(shares.reference, shares.current),
        bins: shares.categories.length,
        binning: 'distinct'
    };
}
/** `psi(reference, current)` for unsorted numeric samples (inputs are not modified). */
function psi(reference, current) {
    for (const v of reference)
        if (Number.isNaN(v))
            throw new StatisticsError('PSI samples must not contain NaN');
    for (const v of current)
        if (Number.isNaN(v))
            throw new StatisticsError('PSI samples must not contain NaN');
    return psiNumericSorted(sortedFloat64(reference), sortedFloat64(current));
}

function numericDrift(name, reference, current) {
    const a = sortedFloat64(reference);
    const b = sortedFloat64(current);
    const ks = ks2sampSorted(a, b);
    const psi = psiNumericSorted(a, b);
    return {
        name,
        kind: 'numeric',
        psi: psi.psi,
        ks_statistic: ks.statistic,
        ks_pvalue: ks.pvalue,
        ks_method: ks.method,
        chi2_pvalue: null,
        psi_bins: psi.bins,
        psi_binning: psi.binning,
        reference_n: reference.length,
        current_n: current.length
    };
}
function categoricalDrift(name, reference, current) {
    const psi = psiCategorical(reference, current);
    const total = (counts) => [...counts.values()].reduce((s, c) => s + c, 0);
    return {
        name,
        kind: 'categorical',
        psi: psi.psi,
        ks_statistic: null,
        ks_pvalue: null,
        ks_method: null,
        chi2_pvalue: chiSquarePvalue(reference, current),
        psi_bins: psi.bins,
        psi_binning: psi.binning,
        reference_n: total(reference),
        current_n: total(current)
    };
}
/** Category → count of a column; numbers become categories by their shortest text. */
function categoryCounts(column) {
    const counts = new Map();
    if (column.kind === 'numeric') {
        for (const value of column.values) {
            const key = String(value);
            counts.set(key, (counts.get(key) ?? 0) + 1);
        }
        return counts;
    }
    const perCode = new Float64Array(column.categories.length);
    for (const code of column.codes)
        perCode[code]++;
    column.categories.forEach((category, code) => {
        if (perCode[code] > 0)
            counts.set(category, perCode[code]);
    });
    return counts;
}
function summarizeDrift(columns) {
    const psis = columns.map((c) => c.psi);
    const pvalues = columns.flatMap((c) => (c.ks_pvalue === null ? [] : [c.ks_pvalue]));
    return {
        columns,
        max_psi: psis.length ? Math.max(...psis) : null,
        min_ks_pvalue: pvalues.length ? Math.min(...pvalues) : null
    };
}
/** Drift of every requested column of two tables read with the same column kinds. */
function driftOfTables(reference, current, columns) {
    const results = columns.map((name) => {
        const ref = reference.columns.get(name);
        const cur = current.columns.get(name);
        if (!ref)
            throw new EvidenceError(`no column ${JSON.stringify(name)}`, { file: reference.file });
        if (!cur)
            throw new EvidenceError(`no column ${JSON.stringify(name)}`, { file: current.file });
        if (ref.kind === 'numeric' && cur.kind === 'numeric')
            return numericDrift(name, ref.values, cur.values);
        return categoricalDrift(name, categoryCounts(ref), categoryCounts(cur));
    });
    return summarizeDrift(results);
}

async function read(input, options) {
    const common = { file: input.file, normalizeNumbers: true, ...options };
    return 'path' in input
        ? readCsvFile(input.path, common)
        : readCsvColumns(input.bytes, { ...common, totalBytes: input.bytes.length });
}
/**
 * Reads the reference, then the current sample with the column kinds the reference decided (a
 * word in a numeric column of the current file is an error naming its line), and computes drift.
 */
async function driftOfCsv(reference, current, options = {}) {
    const requested = options.columns?.length ? [...options.columns] : undefined;
    const ref = await read(reference, {
        ...(requested && { columns: requested }),
        ...(options.onProgress && { onProgress: options.onProgress })
    });
    const columns = requested ?? ref.header;
    const kinds = {};
    for (const name of columns)
        kinds[name] = ref.columns.get(name).kind;
    const cur = await read(current, {
        columns,
        kinds,
        ...(options.onProgress && { onProgress: options.onProgress })
    });
    if (!requested) {
        const extra = cur.header.filter((name) => !ref.header.includes(name));
        if (extra.length) {
            throw new EvidenceError(`column${extra.length > 1 ? 's' : ''} ${extra.map((n) => JSON.stringify(n)).join(', ')} not in the reference ${reference.file}; the two files must have the same columns (or pick some with --columns)`, { file: current.file, line: 1 });
        }
    }
    return { reference: reference.file, current: current.file, ...driftOfTables(ref, cur, columns) };
}

export { ks2samp as a, psiCategorical as b, readCsvColumns as c, driftOfCsv as d, kolmogornSf as k, psi as p, readCsvFile as r, smirnovSf as s };
