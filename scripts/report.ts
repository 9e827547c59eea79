/**
 * `npm run report`: runs every notebook headless in full mode; each writes its figures and data
 * to results/. Shows which notebook is running and how long each took.
 */
import { runNotebooks } from "./run-notebooks.js";

const failed = runNotebooks({ quick: process.env.LAB_QUICK === "1" });
process.exit(failed.length > 0 ? 1 : 0);
