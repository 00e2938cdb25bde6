// A unit's system as a non-Java integrator writes it: connects to Artemis over AMQP 1.0 with rhea, drains its unit
// queue (accepting each message up to its case's, so the broker removes them), and prints one JSON line per message
// whose _AMQ_DUPL_ID starts with the prefix (a case id and ':', as a test picks its own case out of a shared queue):
// {"id": _AMQ_DUPL_ID, "type": the CloudEvent's type, "subject": case id}. Exits 0 after `count` such messages, 1 if
// they have not all come within the time limit. No selector: on a paging queue a selector sees only what the broker
// has read ahead into memory (casehub.unit-queues.read-ahead), not the messages behind it.
// usage: node drain.mjs <host> <port> <unit code> <id prefix> <count> [user password]
import rhea from 'rhea';

const [host, port, unit, prefix, count, username, password] = process.argv.slice(2);
const expected = Number(count);
const queue = `casehub.unit.${unit}`;
let received = 0;

const container = rhea.create_container();
const connection = container.connect({ host, port: Number(port), username, password, reconnect: false });
connection.open_receiver({
  // the fully qualified queue name: the unit's own queue on its multicast address, not a new subscription
  source: { address: `${queue}::${queue}` },
  autoaccept: false,
});
container.on('message', (context) => {
  if (received === expected) {
    // past what it came for: left unsettled, so the broker keeps it when the connection closes
    return;
  }
  context.delivery.accept();
  const message = context.message;
  const id = String(message.application_properties?._AMQ_DUPL_ID ?? '');
  if (!id.startsWith(prefix)) {
    return;
  }
  const event = JSON.parse(typeof message.body === 'string' ? message.body : Buffer.from(message.body.content ?? message.body).toString('utf8'));
  console.log(JSON.stringify({ id, type: event.type, subject: event.subject }));
  if (++received === expected) {
    context.connection.close();
  }
});
// closed by either side (the broker may drop the socket as soon as it has the close)
const done = () => process.exit(received === expected ? 0 : 1);
container.on('connection_close', done);
container.on('disconnected', (context) => {
  if (received !== expected) {
    console.error(`disconnected: ${context.error ?? 'no error given'}`);
  }
  done();
});
container.on('error', (error) => { console.error(String(error)); process.exit(2); });
setTimeout(() => { console.error(`only ${received} of ${expected} message(s) within 60 s`); process.exit(1); }, 60000);
