export { scalingSizesMarkdown, scalingWorkersMarkdown } from "./markdown.js";
