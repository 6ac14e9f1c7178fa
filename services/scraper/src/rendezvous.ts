import { hash64 } from '@promethium/model';

/**
 * The member that owns `key` by rendezvous (highest-random-weight) hashing: the one whose
 * xxHash64 of member and key together is highest. Every replica holding the same member
 * set picks the same owner without talking, and when a member leaves only its own keys
 * move (each to the runner-up of that key), so ownership changes no more than it must.
 * Undefined when there are no members.
 */
export function rendezvousOwner(key: string, members: Iterable<string>): string | undefined {
  let owner: string | undefined;
  let best = -1n;
  for (const member of members) {
    const weight = hash64(`${member}\n${key}`);
    // Ties (all but impossible over 64 bits) go to the greater id, so no order of the
    // member list can make two replicas disagree.
    if (weight > best || (weight === best && member > owner!)) {
      owner = member;
      best = weight;
    }
  }
  return owner;
}
