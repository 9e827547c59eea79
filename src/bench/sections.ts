import type { BenchSection } from "./section.js";

/** Every section of `routing-lab bench`, in the order they run and print. */
export const benchSections: readonly BenchSection[] = [];
