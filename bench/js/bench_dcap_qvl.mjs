// bench_dcap_qvl.mjs — the JavaScript peer of bench_qvl: @phala/dcap-qvl verifying the same
// real quotes with the same collateral (collateral.json) at the same time (expected.json's
// verification_time). One timed operation = JSON.parse of the collateral.json text (read
// once before timing) + verify(quote, collateral, time): like bench_qvl's a_full, nothing is
// cached; the package has no cache to offer.
//
// The package runs in one of two modes, chosen when it is loaded:
//   node    (its default under Node.js) ASN.1, JSON and policy in JavaScript; the ECDSA
//           signatures and certificate signatures through node:crypto, that is OpenSSL
//   purejs  its browser code path, forced by defining globalThis.window before loading:
//           everything in JavaScript (elliptic, hash.js), "pure JavaScript"
//
// Figures are wall-clock (performance.now); the process's CPU time (process.cpuUsage) is
// reported beside them, as bench_qvl reports its thread's.
//
// Every iteration's result is checked against expected.json (status and advisory IDs), and
// before timing each mode must reject a quote with a corrupted signature, so nothing is
// timed on a failing or non-checking path.
//
//   node bench_dcap_qvl.mjs [--mode node|purejs] [--seconds S] [--reps N] [--warmup S]
//                           [--tsv] [--vectors DIR] [NAME...]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const opt = { mode: 'node', seconds: 1, reps: 7, warmup: 1, tsv: false, vectors: null, names: [] };
for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--mode') opt.mode = args[++i];
    else if (a === '--seconds') opt.seconds = Number(args[++i]);
    else if (a === '--reps') opt.reps = Number(args[++i]);
    else if (a === '--warmup') opt.warmup = Number(args[++i]);
    else if (a === '--vectors') opt.vectors = args[++i];
    else if (a === '--tsv') opt.tsv = true;
    else if (a === '--help' || a === '-h') {
        console.log('usage: node bench_dcap_qvl.mjs [--mode node|purejs] [--seconds S] [--reps N] [--warmup S] [--tsv] [--vectors DIR] [NAME...]');
        process.exit(0);
    } else if (a.startsWith('-')) {
        console.error(`bench_dcap_qvl: unknown option ${a}`);
        process.exit(1);
    } else opt.names.push(a);
}
if (!['node', 'purejs'].includes(opt.mode)) {
    console.error('bench_dcap_qvl: --mode is node or purejs');
    process.exit(1);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const vectors = opt.vectors || process.env.VSGX_VECTORS || path.resolve(here, '../../../shared/vectors');
if (opt.names.length === 0) opt.names = ['sgx-v3-processor-ca-2025-07', 'sgx-v3-platform-ca-2025-08'];

if (opt.mode === 'purejs') globalThis.window = {};
const { default: qvl } = await import('@phala/dcap-qvl');
if (qvl.isBrowser !== (opt.mode === 'purejs')) {
    console.error(`bench_dcap_qvl: the package did not load in ${opt.mode} mode`);
    process.exit(1);
}
const version = JSON.parse(fs.readFileSync(path.join(here, 'node_modules/@phala/dcap-qvl/package.json'), 'utf8')).version;

function load(name) {
    const dir = path.join(vectors, 'quotes', name);
    const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8'));
    return {
        name,
        quote: fs.readFileSync(path.join(dir, 'quote.bin')),
        collateralText: fs.readFileSync(path.join(dir, 'collateral.json'), 'utf8'),
        time: expected.verification_time,
        status: expected.status,
        advisories: JSON.stringify(expected.advisory_ids || []),
    };
}

function verifyOnce(v) {
    const r = qvl.verify(v.quote, JSON.parse(v.collateralText), v.time);
    if (r.status !== v.status || JSON.stringify(r.advisory_ids) !== v.advisories)
        throw new Error(`${v.name}: got ${r.status} ${JSON.stringify(r.advisory_ids)}, expected ${v.status} ${v.advisories}`);
}

function mustReject(v) {
    const bad = Buffer.from(v.quote);
    bad[436 + 10] ^= 1; // inside the quote's ECDSA signature (v3: header 48 + body 384 + length 4)
    try {
        qvl.verify(bad, JSON.parse(v.collateralText), v.time);
    } catch (e) {
        return e.message;
    }
    throw new Error(`${v.name}: a quote with a corrupted signature was accepted (${opt.mode} mode)`);
}

function runN(v, n) {
    for (let i = 0; i < n; i++) verifyOnce(v);
}

const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const jobs = [];
for (const name of opt.names) {
    const v = load(name);
    try {
        verifyOnce(v);
    } catch (e) {
        // Report exactly what the package says; time only what it can verify.
        const cause = e.cause ? ` (cause: ${e.cause.message})` : '';
        console.log(opt.tsv ? `JS-${opt.mode}\t${name}\tverify\tFAILED\t${e.message}${cause}` :
            `${name}: @phala/dcap-qvl ${opt.mode} rejects it: ${e.message}${cause}`);
        continue;
    }
    const rejected = mustReject(v);
    if (!opt.tsv) console.log(`${name}: verifies (${v.status}); a corrupted signature is rejected with "${rejected}"`);
    jobs.push({ v, perRep: 0, us: [], cpu: [] });
}

// Warm up (the JIT needs it) and calibrate each quote, then time them in interleaved rounds.
for (const j of jobs) {
    let n = 0, batch = 1;
    const t0 = performance.now();
    let t;
    do {
        runN(j.v, batch);
        n += batch;
        batch = Math.min(batch * 2, 64);
    } while ((t = (performance.now() - t0) / 1e3) < opt.warmup);
    j.perRep = Math.max(3, Math.round(opt.seconds * n / t));
}
for (let r = 0; r < opt.reps; r++)
    for (const j of jobs) {
        const s = performance.now(), c = process.cpuUsage();
        runN(j.v, j.perRep);
        j.us.push((performance.now() - s) * 1e3 / j.perRep);
        const dc = process.cpuUsage(c);
        j.cpu.push((dc.user + dc.system) / j.perRep);
    }

if (!opt.tsv)
    console.log(`@phala/dcap-qvl ${version}, ${opt.mode} mode, node ${process.version}\n` +
        `${'quote'.padEnd(28)} ${'median us'.padStart(11)} ${'per second'.padStart(11)} ${'min us'.padStart(10)} ${'max us'.padStart(10)} ${'cpu us'.padStart(10)}  iterations/rep`);
for (const j of jobs) {
    const m = median(j.us), lo = Math.min(...j.us), hi = Math.max(...j.us), cm = median(j.cpu);
    if (opt.tsv)
        console.log(`JS-${opt.mode}\t${j.v.name}\tverify\t${m.toFixed(3)}\t${(1e6 / m).toFixed(1)}\t${lo.toFixed(3)}\t${hi.toFixed(3)}\t${j.perRep}\t${cm.toFixed(3)}`);
    else
        console.log(`${j.v.name.padEnd(28)} ${m.toFixed(2).padStart(11)} ${(1e6 / m).toFixed(0).padStart(11)} ${lo.toFixed(2).padStart(10)} ${hi.toFixed(2).padStart(10)} ${cm.toFixed(2).padStart(10)}  ${j.perRep}`);
}
