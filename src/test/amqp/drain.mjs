// A unit's system as a non-Java integrator writes it: connects to Artemis over AMQP 1.0 with rhea, drains the
// messages of its unit queue that the selector picks (accepting each, so the broker removes it), and prints one JSON
// line per message: {"id": _AMQ_DUPL_ID, "type": the CloudEvent's type, "subject": case id}. Exits 0 after `count`
// messages, 1 if they have not all come within the time limit.
// usage: node drain.mjs <host> <port> <unit code> <selector> <count> [user password]
import rhea from 'rhea';

const [host, port, unit, selector, count, username, password] = process.argv.slice(2);
const expected = Number(count);
const queue = `casehub.unit.${unit}`;
let received = 0;

const container = rhea.create_container();
const connection = container.connect({ host, port: Number(port), username, password, reconnect: false });
connection.open_receiver({
  // the fully qualified queue name: the unit's own queue on its multicast address, not a new subscription
  source: { address: `${queue}::${queue}`, filter: rhea.filter.selector(selector) },
  autoaccept: true,
});
container.on('message', (context) => {
  const message = context.message;
  const event = JSON.parse(typeof message.body === 'string' ? message.body : Buffer.from(message.body.content ?? message.body).toString('utf8'));
  console.log(JSON.stringify({ id: message.application_properties?._AMQ_DUPL_ID, type: event.type, subject: event.subject }));
  if (++received === expected) {
    context.connection.close();
  }
});
container.on('connection_close', () => process.exit(received === expected ? 0 : 1));
container.on('error', (error) => { console.error(String(error)); process.exit(2); });
setTimeout(() => { console.error(`only ${received} of ${expected} message(s) within 60 s`); process.exit(1); }, 60000);
