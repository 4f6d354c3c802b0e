// A misbehaving JSON-RPC node for tests/bad_input.cmake, on a free loopback port.
//   node node_server.mjs silent PORT_FILE   accepts each request and never answers
//   node node_server.mjs huge PORT_FILE     answers every request with 100 MiB (chunked)
// Writes its port to PORT_FILE; exits by itself after 60 s (a test that dies
// early leaves nothing running).
import http from 'node:http';
import fs from 'node:fs';

const [mode, portFile] = process.argv.slice(2);
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    if (mode !== 'huge') return;  // silent: keep the connection open, say nothing
    res.writeHead(200, { 'Content-Type': 'application/json' });
    const chunk = Buffer.alloc(1 << 20, 0x20);  // 1 MiB of blanks (valid JSON whitespace)
    let sent = 0;
    const more = () => {
      while (sent < 100) {
        sent++;
        if (!res.write(chunk)) return res.once('drain', more);
      }
      res.end('{"jsonrpc":"2.0","id":1,"result":"0x1"}');
    };
    res.on('error', () => {});
    more();
  });
});
server.listen(0, '127.0.0.1', () => fs.writeFileSync(portFile, String(server.address().port)));
setTimeout(() => process.exit(0), 60000).unref();
server.on('close', () => process.exit(0));
