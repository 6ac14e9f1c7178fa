import { InvalidSubjectError } from './errors.js';

// NATS splits protocol lines on whitespace, so no subject token may contain any.
const WHITESPACE = /[\s]/;
const CONSUMER_NAME = /^[A-Za-z0-9_-]{1,64}$/;

function tokensOf(subject: string, what: string): string[] {
  if (subject === '') throw new InvalidSubjectError(`${what}: subject is empty`);
  if (WHITESPACE.test(subject))
    throw new InvalidSubjectError(
      `${what}: subject ${JSON.stringify(subject)} contains whitespace`,
    );
  const tokens = subject.split('.');
  const empty = tokens.indexOf('');
  if (empty >= 0)
    throw new InvalidSubjectError(
      `${what}: subject ${JSON.stringify(subject)} has an empty token at position ${empty}`,
    );
  return tokens;
}

/** Throws InvalidSubjectError unless `subject` is a concrete subject (no wildcard tokens). */
export function checkPublishSubject(subject: string): void {
  const tokens = tokensOf(subject, 'publish');
  const wild = tokens.findIndex((t) => t === '*' || t === '>');
  if (wild >= 0)
    throw new InvalidSubjectError(
      `publish: subject ${JSON.stringify(subject)} has a wildcard at token ${wild}`,
    );
}

/** Throws InvalidSubjectError unless `filter` is a valid subscription subject. */
export function checkFilterSubject(filter: string): void {
  const tokens = tokensOf(filter, 'subscribe');
  const gt = tokens.indexOf('>');
  if (gt >= 0 && gt !== tokens.length - 1)
    throw new InvalidSubjectError(
      `subscribe: '>' must be the last token of ${JSON.stringify(filter)}`,
    );
}

/** Throws InvalidSubjectError unless `queue` is a usable queue group name. */
export function checkQueueName(queue: string): void {
  if (queue === '' || WHITESPACE.test(queue))
    throw new InvalidSubjectError(
      `queue group name ${JSON.stringify(queue)} is empty or has whitespace`,
    );
}

/** Throws InvalidSubjectError unless `name` is a usable durable consumer name. */
export function checkConsumerName(name: string): void {
  if (!CONSUMER_NAME.test(name))
    throw new InvalidSubjectError(
      `consumer name ${JSON.stringify(name)} must be 1-64 letters, digits, '-' or '_'`,
    );
}

/** Whether the concrete `subject` matches the subscription `filter` (NATS wildcard rules). */
export function subjectMatches(filter: string, subject: string): boolean {
  if (filter === subject) return true;
  const f = filter.split('.');
  const s = subject.split('.');
  for (let i = 0; i < f.length; i++) {
    const token = f[i];
    if (token === '>') return s.length > i;
    if (i >= s.length) return false;
    if (token !== '*' && token !== s[i]) return false;
  }
  return f.length === s.length;
}
