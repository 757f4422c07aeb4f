import type { App, types, webApi } from "@slack/bolt";
import type { Logger } from "pino";
import type { IncomingIdentity } from "../../conversation/router.js";
import type { Translate } from "../../engine/text.js";
import type { Inbound, Outbound } from "../../engine/types.js";
import type { Handle } from "../channel.js";
import {
  answerOf,
  FLOW_CALLBACK,
  fieldErrors,
  finalView,
  flowViewPayload,
  MODAL_COMMANDS,
  type ModalMetadata,
  openQuestion,
  questionView,
  readMetadata,
  workingView,
} from "./modal-views.js";

type ModalView = types.ModalView;

/** How long a submission's answer may take before the modal shows "working" and is updated later. */
const ANSWER_IN_TIME_MS = 2_500;

export interface FlowModalDeps {
  app: App;
  client: webApi.WebClient;
  handle: Handle;
  translate: Translate;
  logger: Logger;
  identityOf: (team: string | undefined, user: string) => IncomingIdentity;
  /** Sends replies to the person's direct message, as a chat answer would go. */
  sendToChat: (user: string, replies: Outbound[]) => Promise<void>;
  /** Runs one event's work under the adapter's observation (metrics, a graceful stop waits). */
  observed: (kind: string, work: () => Promise<void>) => Promise<void>;
  /** What to tell a person when their answer could not be handled. */
  errorText: (who: IncomingIdentity, err: unknown) => string;
  /** How long a submission's answer may take before the modal says it is working (tests shorten it). */
  answerInTimeMs?: () => number;
}

/** True for the commands whose flow `/pandu <command>` opens in a modal. */
export function opensInModal(command: string): command is ModalMetadata["c"] {
  return (MODAL_COMMANDS as readonly string[]).includes(command);
}

/**
 * Flows in Slack modals: `/pandu selesai`, `/pandu umumkan` and `/pandu profil` open the flow's
 * current question in a modal, and each submission is the answer to that question, handed to the
 * conversation service like any chat message, so every validation, role and scope check runs per
 * step as in the chat. A refused answer shows on the field; the next question replaces the modal's
 * content; the flow's last words end it. Nothing of the flow lives in the modal: closing it keeps
 * the run where it was, which the chat (and the command again) continues.
 */
export function createFlowModals(deps: FlowModalDeps) {
  const { app, client, translate } = deps;
  const inTime = deps.answerInTimeMs ?? (() => ANSWER_IN_TIME_MS);

  /**
   * Starts `command` for the person and opens its question in a modal with `triggerId`. Replies
   * that are no question (a refusal, a flow that ended at once), or a modal Slack would not open,
   * go to the direct message as the chat's answer.
   */
  async function open(
    who: IncomingIdentity,
    user: string,
    command: ModalMetadata["c"],
    args: string,
    triggerId: string,
  ): Promise<void> {
    let replies: Outbound[];
    try {
      replies = await deps.handle(who, { kind: "command", command, args });
    } catch (err) {
      deps.logger.error({ err }, "opening a slack modal failed");
      replies = [{ text: deps.errorText(who, err) }];
    }
    const question = openQuestion(replies);
    if (question) {
      try {
        await client.views.open({
          trigger_id: triggerId,
          view: questionView(replies, question, command, translate),
        });
        return;
      } catch (err) {
        // An expired trigger (the work took over 3 s) or a view Slack refused: the chat takes over.
        deps.logger.warn({ err }, "slack modal not opened; the flow goes on in the chat");
      }
    }
    await deps.sendToChat(user, replies);
  }

  /** The modal's next state after an answer: the next question, a field error, or the end. */
  function next(
    replies: Outbound[],
    meta: ModalMetadata,
    title: string,
  ): { view: ModalView; errors?: Record<string, string>; toChat: Outbound[] } {
    const question = openQuestion(replies);
    const media = replies.filter((r) => r.media);
    if (!question) return { view: finalView(replies, title, meta.l, translate), toChat: media };
    const view = questionView(replies, question, meta.c, translate);
    const refused = question.asks.refused;
    const errors = refused ? fieldErrors(view, refused) : undefined;
    // A file the modal cannot take: the question also goes to the chat, where it is answered.
    const toChat =
      question.asks.field === "file" && !question.asks.skippable
        ? [...media, { text: question.text }]
        : media;
    return { view, ...(errors ? { errors } : {}), toChat };
  }

  app.view({ callback_id: FLOW_CALLBACK, type: "view_submission" }, async ({ ack, body }) => {
    const parsed = flowViewPayload.safeParse(body);
    const meta = parsed.success ? readMetadata(parsed.data.view.private_metadata) : undefined;
    if (!parsed.success || !meta || !parsed.data.view.state) {
      deps.logger.warn("a slack modal submission that is not Pandu's was ignored");
      await ack();
      return;
    }
    const { user, team, view } = parsed.data;
    const who = deps.identityOf(team?.id ?? user.team_id, user.id);
    const inbound: Inbound = {
      kind: "form",
      runId: meta.r,
      seq: meta.s,
      answer: answerOf(view.state!.values),
    };
    const title = view.title?.text ?? "Pandu";
    await deps.observed("form", async () => {
      const work = deps.handle(who, inbound).catch((err: unknown): Outbound[] => {
        deps.logger.error({ err }, "handling a slack modal submission failed");
        return [{ text: deps.errorText(who, err) }];
      });
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<undefined>((ok) => {
        timer = setTimeout(() => ok(undefined), inTime());
      });
      const early = await Promise.race([work, late]);
      clearTimeout(timer);
      // Nothing to say (a flood dropped, or the run moved on elsewhere): the modal just closes.
      if (early?.length === 0) {
        await ack();
        return;
      }
      if (early) {
        const { view: shown, errors, toChat } = next(early, meta, title);
        await ack(
          errors ? { response_action: "errors", errors } : { response_action: "update", view: shown },
        );
        if (toChat.length > 0) await deps.sendToChat(user.id, toChat);
        return;
      }
      // Slack waits 3 s for this answer: the modal says it is working, and is updated when done.
      await ack({ response_action: "update", view: workingView(title, meta.l, translate) });
      // (A refused answer then shows as the text above its question: field errors go only in the ack.)
      const replies = await work;
      const { view: shown, toChat } = next(replies, meta, title);
      try {
        await client.views.update({ view_id: view.id, view: shown });
      } catch (err) {
        deps.logger.warn({ err }, "updating a slack modal failed; the answer goes to the chat");
        toChat.splice(0, toChat.length, ...replies);
      }
      if (toChat.length > 0) await deps.sendToChat(user.id, toChat);
    });
  });

  app.view({ callback_id: FLOW_CALLBACK, type: "view_closed" }, async ({ ack, body }) => {
    await ack();
    const parsed = flowViewPayload.safeParse(body);
    const meta = parsed.success ? readMetadata(parsed.data.view.private_metadata) : undefined;
    if (!parsed.success || !meta) return;
    const { user } = parsed.data;
    // The run stays where it was, as when someone stops answering in the chat: said so in the chat.
    await deps.observed("form", () =>
      deps.sendToChat(user.id, [
        { text: translate(meta.l, "slack-modal-closed", { command: `/pandu ${meta.c}` }) },
      ]),
    );
  });

  return { open };
}
