import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Api, GrammyError, HttpError, InputFile } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { botApiFetch } from "../../../src/channels/telegram/http-client.js";

/** A Bot API stand-in: answers each call with `answer`, after keeping what it was sent. */
async function botApi(answer: (req: IncomingMessage, body: Buffer, res: ServerResponse) => void) {
  const seen: { url: string; type: string; body: Buffer }[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    seen.push({ url: req.url ?? "", type: req.headers["content-type"] ?? "", body });
    answer(req, body, res);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, seen, root };
}

const json = (res: ServerResponse, status: number, value: unknown) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(value));
};

describe("the Bot API client Pandu's Telegram adapter uses", () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) {
      s.closeAllConnections();
      await new Promise((ok) => s.close(ok));
    }
  });

  it("sends a message as JSON and reads the answer", async () => {
    const api = await botApi((_req, _body, res) =>
      json(res, 200, { ok: true, result: { message_id: 7, date: 0, chat: { id: 5, type: "private" } } }),
    );
    servers.push(api.server);
    const client = new Api("123:abc", { apiRoot: api.root, fetch: botApiFetch });
    const sent = await client.sendMessage(5, "Pernyataan 1 dari 24 ✅", {
      reply_markup: { inline_keyboard: [[{ text: "Sesuai", callback_data: "a|1" }]] },
    });
    expect(sent.message_id).toBe(7);
    expect(api.seen[0]!.url).toBe("/bot123:abc/sendMessage");
    expect(api.seen[0]!.type).toContain("application/json");
    expect(JSON.parse(api.seen[0]!.body.toString("utf8"))).toMatchObject({
      chat_id: 5,
      text: "Pernyataan 1 dari 24 ✅",
      reply_markup: { inline_keyboard: [[{ text: "Sesuai", callback_data: "a|1" }]] },
    });
  });

  it("uploads a picture whole, as multipart", async () => {
    const api = await botApi((_req, _body, res) =>
      json(res, 200, { ok: true, result: { message_id: 8, date: 0, chat: { id: 5, type: "private" } } }),
    );
    servers.push(api.server);
    const client = new Api("123:abc", { apiRoot: api.root, fetch: botApiFetch });
    const bytes = Buffer.alloc(200_000, 0);
    bytes.set([0x89, 0x50, 0x4e, 0x47], 0);
    bytes.write("akhir gambar", 199_000);
    await client.sendPhoto(5, new InputFile(bytes, "hasil-asesmen.png"), { caption: "Grafik hasil" });
    const { type, body } = api.seen[0]!;
    expect(type).toMatch(/^multipart\/form-data; boundary=/);
    const at = body.indexOf(bytes.subarray(0, 4));
    expect(at).toBeGreaterThan(0);
    expect(body.subarray(at, at + bytes.length).equals(bytes)).toBe(true);
    expect(body.toString("utf8")).toContain("Grafik hasil");
  });

  it("reports the Bot API's refusal with its description, and a broken answer as a network error", async () => {
    let broken = false;
    const api = await botApi((_req, _body, res) => {
      if (broken) {
        res.writeHead(502, { "content-type": "text/html" });
        res.end("<html>Bad Gateway</html>");
      } else json(res, 400, { ok: false, error_code: 400, description: "Bad Request: chat not found" });
    });
    servers.push(api.server);
    const client = new Api("123:abc", { apiRoot: api.root, fetch: botApiFetch });
    const refused = await client.sendMessage(5, "halo").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(GrammyError);
    expect((refused as GrammyError).description).toBe("Bad Request: chat not found");
    broken = true;
    expect(await client.sendMessage(5, "halo").catch((e: unknown) => e)).toBeInstanceOf(HttpError);
  });

  it("fails a call to a server that is not there, and one that never answers, as network errors", async () => {
    const gone = await botApi(() => {});
    gone.server.close();
    await once(gone.server, "close");
    const refused = new Api("123:abc", { apiRoot: gone.root, fetch: botApiFetch });
    expect(await refused.getMe().catch((e: unknown) => e)).toBeInstanceOf(HttpError);

    const silent = await botApi(() => {});
    servers.push(silent.server);
    const waiting = new Api("123:abc", { apiRoot: silent.root, fetch: botApiFetch, timeoutSeconds: 1 });
    expect(await waiting.getMe().catch((e: unknown) => e)).toBeInstanceOf(HttpError);
  });
});
