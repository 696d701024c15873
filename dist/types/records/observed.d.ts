/** A short display form of an observed value for tables. */
export declare function observedText(value: unknown): string;
