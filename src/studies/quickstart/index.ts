export { type QuickstartPlan, quickstartPlan } from "./plan.js";
