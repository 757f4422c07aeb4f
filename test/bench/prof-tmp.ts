import { openStorage } from "../../src/db/open-storage.js";
import { createRepositories } from "../../src/db/repositories/index.js";

async function main() {
  const opened = await openStorage({
    storage: {
      kind: "embedded-postgresql",
      postgresqlUrl: "postgres://pandu:pandu@127.0.0.1:5432/pandu_bench",
      dataDir: "/tmp/profdata",
    },
    poolSize: 20,
    dbName: "prof_" + Date.now().toString(36),
  });
  const repos = createRepositories(opened.database.models);
  const { DeliveryLog } = opened.database.models;
  const H = Number(process.env.H ?? 20000);
  for (let i = 0; i < H; i += 2000) {
    await DeliveryLog.insertMany(
      Array.from({ length: Math.min(2000, H - i) }, (_, j) => ({
        _id: `old:${i + j}`,
        purpose: "old",
        identityId: "telegram:1",
        channel: "telegram",
        address: "1",
        message: { text: "x" },
        dueAt: new Date(),
        status: "sent",
        attempts: 1,
        resends: 0,
        createdAt: new Date(),
      })),
      { ordered: false },
    );
  }
  const now = new Date();
  const N = 3000;
  const ds = Array.from({ length: N }, (_, i) => ({
    _id: `b:${i}`,
    purpose: "b",
    identityId: `telegram:${i}`,
    channel: "telegram",
    address: String(i),
    message: { text: "hello", choices: [[{ data: "a", label: "b" }]] },
    dueAt: now,
  }));
  for (let i = 0; i < N; i += 500) await repos.deliveries.enqueueMany(ds.slice(i, i + 500), now);
  const time = async (name: string, f: () => Promise<unknown>, n = 20) => {
    const t = performance.now();
    for (let i = 0; i < n; i++) await f();
    console.log(name, ((performance.now() - t) / n).toFixed(1), "ms");
  };
  let k = 0;
  await time("due(64)", () => repos.deliveries.due("telegram", new Date(), 64));
  await time("claim", () => repos.deliveries.claim(`b:${k++}`, 1, new Date()));
  k = 0;
  await time("markSending", () =>
    repos.deliveries.markSending(`b:${k++}`, 1, new Date(Date.now() + 60000), false),
  );
  k = 0;
  const got = await repos.deliveries.due("telegram", new Date(Date.now() + 3600_000), 100);
  await time("finish", () => repos.deliveries.finish(got[k++]!, "sent", new Date()));
  await time("lease take", () => repos.leases.take("x", k++, "me", new Date()));
  await opened.database.connection.dropDatabase();
  await opened.close();
  process.exit(0);
}
main();
