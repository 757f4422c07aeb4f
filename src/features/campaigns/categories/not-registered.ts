import { defineCategory } from "./category.js";

/**
 * Imported by HR but not registered in Pandu: Pandu has no chat account to reach them on, so the
 * list says so and the agency gets their NIP and unit as a CSV ("belum pernah dihubungi") instead.
 */
export const notRegistered = defineCategory({
  id: "reg",
  textPrefix: "nonresp-reg",
  remindable: false,
  async find(people) {
    return { pending: people.filter((p) => p.nip && !p.onboardedAt).map((person) => ({ person })) };
  },
  // Everyone counted in a headcount who is not registered (the unverified are in neither).
  fromTotals: (t) => ({ count: Math.max(0, t.headcount - t.registered), of: t.headcount }),
});
