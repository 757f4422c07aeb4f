import { midSentence } from "../../../i18n/format.js";
import { shortKey } from "../../../services/course-catalog.js";
import { surveyButton } from "../../surveys/surveys.js";
import { defineCategory } from "./category.js";

/**
 * Invited to a survey that is still open and not answered. Only whether each invitation was
 * answered is read, never an answer: for an anonymous survey nothing else could be read anyway.
 */
export const surveyUnanswered = defineCategory({
  id: "srv",
  textPrefix: "nonresp-srv",
  remindable: true,
  async find(people, now, { repos, surveys }) {
    const known = new Set(surveys.map((s) => s.id));
    const states = (await repos.surveys.invitationStates(people.map((p) => p._id))).filter(
      (i) => known.has(i.surveyId) && i.openedAt <= now && i.status !== "closed",
    );
    const open = new Map<string, string[]>();
    let invited = 0;
    for (const i of states) {
      // An invitation past its closing time is no longer answerable: neither asked nor pending.
      if (i.status === "open" && i.closesAt <= now) continue;
      invited++;
      if (i.status === "open") open.set(i.personId, [...(open.get(i.personId) ?? []), i._id]);
    }
    const titles = new Map(states.map((i) => [i._id, i.subject]));
    return {
      of: invited,
      pending: people
        .filter((p) => open.has(p._id))
        .map((person) => {
          const refs = open.get(person._id)!.sort();
          const subjects = refs.flatMap((r) => (titles.get(r) ? [titles.get(r)!] : []));
          return { person, refs, ...(subjects.length ? { note: subjects.join(", ") } : {}) };
        }),
    };
  },
  reminder({ person, refs = [] }, { translate, surveys }) {
    const locale = person.locale;
    const titleOf = (invitationId: string) => {
      const def = surveys.find((s) => invitationId.startsWith(`${s.id}:`));
      return def ? def.title[locale] : "";
    };
    return {
      text: translate(locale, "nonresp-srv-reminder", {
        name: person.name,
        title: midSentence(titleOf(refs[0] ?? "")),
        count: refs.length,
      }),
      choices: refs.slice(0, 3).map((r) => [
        {
          data: surveyButton.pack("open", shortKey(r)),
          label: `${translate(locale, "srv-start")}: ${titleOf(r)}`.slice(0, 60),
        },
      ]),
    };
  },
});
