// A Slack incoming webhook on loopback for the e2e run: it answers `200 ok` to every POST
// under /services/ (as Slack does) and keeps what it got, for the tests to read back at
// GET /received (JSON: [{ path, body }]).
import http from 'node:http';

const port = Number(process.env.E2E_SLACK_PORT ?? 3199);
const received = [];

http
  .createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/health') return res.end('ok');
    if (req.method === 'GET' && req.url === '/received') {
      res.setHeader('content-type', 'application/json');
      return res.end(JSON.stringify(received));
    }
    if (req.method === 'POST' && req.url.startsWith('/services/')) {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({ path: req.url, body });
        res.end('ok');
      });
      return;
    }
    res.statusCode = 404;
    res.end('no_service');
  })
  .listen(port, '127.0.0.1');
