import { isBehindPace } from "../../../domain/jp.js";
import { localClock } from "../../../domain/reminder-time.js";
import { commandButton } from "../../help/buttons.js";
import { defineCategory } from "./category.js";

/**
 * Behind the even yearly pace toward their JP minimum (as the monthly nudge counts it). People under
 * a ceiling (PPPK) never are: a maximum is not a target.
 */
export const jpBehind = defineCategory({
  id: "jp",
  textPrefix: "nonresp-jp",
  remindable: true,
  async find(people, now, { ledger }) {
    // Only people with a minimum can be behind it (no completions are read for a PPPK's ceiling).
    const registered = people.filter((p) => p.onboardedAt && ledger.ruleOf(p).kind === "minimum");
    const standings = await ledger.standingsOf(registered, now);
    return {
      pending: registered.flatMap((person) => {
        const s = standings.get(person._id);
        if (!s || !isBehindPace(s, localClock(now, person.timeZone).date)) return [];
        return [{ person, note: `${s.total}/${s.rule.jp} JP` }];
      }),
    };
  },
  reminder({ person }, { translate }) {
    return {
      text: translate(person.locale, "nonresp-jp-reminder", { name: person.name }),
      choices: [
        [
          {
            data: commandButton.pack("open", "rekomendasi"),
            label: translate(person.locale, "nonresp-jp-open-button"),
          },
        ],
      ],
    };
  },
});
