import { periodStart } from "../../../domain/campaign.js";
import { commandButton } from "../../help/buttons.js";
import { defineCategory } from "./category.js";

/**
 * Registered but not assessed in the current period: no assessment completed this calendar year in
 * their zone, which is what unit summaries count as "sudah asesmen". Read from the status each
 * person keeps (no assessment history is scanned).
 */
export const notAssessed = defineCategory({
  id: "asm",
  textPrefix: "nonresp-asm",
  remindable: true,
  async find(people, now) {
    // The period's start once per zone (there are three), not once per person.
    const starts = new Map<string, Date>();
    const startIn = (zone: string) => {
      const known = starts.get(zone);
      if (known) return known;
      const start = periodStart(now, zone);
      starts.set(zone, start);
      return start;
    };
    return {
      pending: people
        .filter((p) => {
          if (!p.onboardedAt) return false;
          const at = p.status?.assessedAt;
          return !at || new Date(at) < startIn(p.timeZone);
        })
        .map((person) => ({ person })),
    };
  },
  // An assessment is only taken after registering, so those assessed this year are registered ones:
  // the totals count a person's latest assessment of the year in their own zone, as `find` does.
  fromTotals: (t) => ({ count: Math.max(0, t.registered - t.assessed) }),
  reminder({ person }, { translate }) {
    return {
      text: translate(person.locale, "nonresp-asm-reminder", { name: person.name }),
      choices: [
        [
          {
            data: commandButton.pack("open", "asesmen"),
            label: translate(person.locale, "nonresp-asm-open-button"),
          },
        ],
      ],
    };
  },
});
