/**
 * A short display form of an observed value for tables. `references` are the numbers it was
 * judged against (see `referenceNumbers`): a number is shown with enough digits to stay on the
 * same side of each, so the table never contradicts the verdict.
 */
export declare function observedText(value: unknown, references?: readonly number[]): string;
