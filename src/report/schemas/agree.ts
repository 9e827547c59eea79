/**
 * Compile-time proof that a schema and a TypeScript type describe the same value. Write both
 * directions for a schema's output type `S` and a declared type `T`:
 *
 * ```ts
 * export type _ToType = Assignable<z.output<typeof schema>, T>;
 * export type _FromType = Assignable<T, z.output<typeof schema>>;
 * ```
 *
 * A field renamed, removed, added or retyped on either side then fails `tsc` at that line, and
 * the message names the property ("Types of property 'speed' are incompatible …"). Two
 * one-way checks rather than one `Equals<A, B>`, because a constraint error shows the path to
 * the mismatch, a `false` does not.
 */
export type Assignable<From extends To, To> = [From, To];
