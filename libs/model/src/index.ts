export { Labels, METRIC_NAME, compareLabels } from './labels.js';
export { Matcher, InvalidRegexError, matchesAll, type MatchType } from './matcher.js';
export {
  type Sample,
  type LabeledSample,
  type Series,
  staleMarker,
  writeValue,
  readSample,
  isStaleBits,
} from './sample.js';
export { type TargetGroup, ADDRESS_LABEL } from './target-group.js';
export { hash64, hash64Bytes, jumpHash } from './hash.js';
export { parseDuration, formatDuration, InvalidDurationError } from './duration.js';
export { parseByteSize, InvalidByteSizeError } from './byte-size.js';
export { goQuote, goQuoteRune, goQuoteTruncated, goUnicode, goFixed6 } from './go-quote.js';
export { goUnquote, goUnquoteBytes } from './go-unquote.js';
export { ByteWriter, ByteReader, BinaryFormatError, varintLength, zigzag, utf8 } from './bytes.js';
