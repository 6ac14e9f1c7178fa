export { relabel } from './relabel.js';
export {
  RELABEL_ACTIONS,
  type RelabelAction,
  type RelabelConfig,
  type RelabelConfigSpec,
  InvalidRelabelConfigError,
  newRelabelConfig,
  isValidLabelName,
} from './config.js';
export { RelabelRegex, InvalidRelabelRegexError } from './regex.js';
export { expandTemplate } from './expand.js';
