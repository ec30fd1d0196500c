// A quiet reporter for `node --test` (`make js-test`): each failure whole, then one line of
// counts. `make js-test V=1` uses node's own reporter, which names every test.
import { inspect } from "node:util";

export default async function* summary(source) {
  let passed = 0;
  const failed = [];
  for await (const { type, data } of source) {
    // Suites report too (nesting 0 around nested tests); count only the tests themselves.
    if (type === "test:pass" && !data.details?.type) passed += 1;
    if (type === "test:fail" && data.details?.type !== "suite") {
      const error = data.details?.error;
      const cause = error?.cause ?? error;
      failed.push(`not ok: ${data.name} (${data.file ?? "?"}:${data.line ?? "?"})\n${inspect(cause)}\n`);
    }
    if (type === "test:stderr" || type === "test:stdout") yield data.message;
  }
  for (const failure of failed) yield `${failure}\n`;
  yield `node --test: ${passed} passed, ${failed.length} failed\n`;
}
