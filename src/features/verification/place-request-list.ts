import type { Repositories } from "../../db/repositories/index.js";
import type { Translate } from "../../engine/text.js";
import type { Choice, Conversation, Outbound } from "../../engine/types.js";
import { formatDate } from "../../i18n/format.js";
import type { PlaceRequests } from "../enrolment/place-requests.js";
import { buttonCodec } from "../feature.js";

/** Buttons on a request for a place: approve it, or decline it (asks the reason). Args: the request's key. */
export const placeRequestButton = buttonCodec("place-request", "prq", {
  approve: ["a", 1],
  decline: ["d", 1],
});
export type PlaceRequestAction = Parameters<typeof placeRequestButton.pack>[0];

/** The flow that asks a koordinator why a request is declined (flows/tolak-pengajuan.yaml). */
export const DECLINE_FLOW = "tolak-pengajuan";

/** Requests shown at most in one /verifikasi; the oldest first, the rest after these are decided. */
const SHOWN = 10;

/**
 * The requests for a place ("Ajukan") waiting for a koordinator, in the same /verifikasi queue as
 * the training records: who asked, from which unit, for which course, each with Setujui and Tolak.
 */
export function createPlaceRequestList(deps: {
  repos: Pick<Repositories, "people" | "orgUnits">;
  requests: Pick<PlaceRequests, "pendingFor">;
  translate: Translate;
}) {
  return {
    /** The waiting requests as messages, or none when there are none. */
    async show(conv: Conversation, bootstrapAdmin: boolean): Promise<Outbound[]> {
      const locale = conv.profile.locale;
      const t = (key: string, args?: Record<string, string | number>) => deps.translate(locale, key, args);
      const me = conv.profile.personId ? await deps.repos.people.get(conv.profile.personId) : null;
      // A koordinator's own request is decided by another.
      const waiting = (await deps.requests.pendingFor(me, bootstrapAdmin)).filter(
        (r) => r.personId !== me?._id,
      );
      if (waiting.length === 0) return [];
      const people = await deps.repos.people.byIds(waiting.map((r) => r.personId));
      const out: Outbound[] = [{ text: t("place-request-list-title", { count: waiting.length }) }];
      for (const r of waiting.slice(0, SHOWN)) {
        const person = people.get(r.personId);
        const unit = r.unitId ? await deps.repos.orgUnits.get(r.unitId) : null;
        const choices: Choice[][] = [
          [
            { data: placeRequestButton.pack("approve", r.key), label: t("place-request-btn-approve") },
            { data: placeRequestButton.pack("decline", r.key), label: t("place-request-btn-decline") },
          ],
        ];
        out.push({
          text: t("place-request-row", {
            name: person?.name ?? "—",
            unit: unit?.name ?? "—",
            title: r.title,
            asked: formatDate(r.requestedAt, { locale, timeZone: person?.timeZone ?? "Asia/Jakarta" }),
          }),
          choices,
        });
      }
      if (waiting.length > SHOWN)
        out.push({ text: t("place-request-list-more", { count: waiting.length - SHOWN }) });
      return out;
    },
  };
}
