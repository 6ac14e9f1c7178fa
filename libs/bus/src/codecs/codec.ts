/** Turns values into message payloads and back; decode throws CodecError on bad input. */
export interface Codec<T> {
  encode(value: T): Uint8Array;
  decode(data: Uint8Array): T;
}
