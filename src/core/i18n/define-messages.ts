// One area's texts in both languages. The English side must have exactly the French keys (the
// type says so; a test also checks each pair has the same ICU arguments).
export interface MessageTree {
  [key: string]: string | MessageTree;
}

/** The same keys as `T`, any text. */
export type SameKeys<T> = { [K in keyof T]: T[K] extends string ? string : SameKeys<T[K]> };

export function defineMessages<const F extends MessageTree>(messages: { fr: F; en: SameKeys<F> }): { fr: F; en: SameKeys<F> } {
  return messages;
}
