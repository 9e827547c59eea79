export * from "./spec.js";
