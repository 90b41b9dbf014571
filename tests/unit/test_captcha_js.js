/*
 * templates/static/captcha.js under Node: its SHA-256 against FIPS 180-4
 * examples and Node's crypto, and its solver against a brute force with
 * Node's crypto (the first nonce, as tests/tools/captcha_solve finds it).
 * Prints "N passed, N failed" last; exits non-zero on any failure.
 */
'use strict';

var assert = require('assert');
var crypto = require('crypto');
var captcha = require(__dirname + '/../../templates/static/captcha.js');

var passed = 0, failed = 0;

function check(name, fn) {
	try {
		fn();
		passed++;
	} catch (e) {
		failed++;
		console.log('FAIL ' + name + ': ' + e.message);
	}
}

/* Node's SHA-256 of the string's characters as bytes. */
function nodeHex(s) {
	return crypto.createHash('sha256').update(Buffer.from(s, 'latin1'))
	    .digest('hex');
}

function leadingZeros(hex) {
	var z = 0, i, v;

	for (i = 0; i < hex.length; i++) {
		v = parseInt(hex[i], 16);
		if (v !== 0)
			return z + (v >= 8 ? 0 : v >= 4 ? 1 : v >= 2 ? 2 : 3);
		z += 4;
	}
	return z;
}

function bruteForce(salt, bits) {
	var n = 0;

	while (leadingZeros(nodeHex(salt + ':' + n)) < bits)
		n++;
	return String(n);
}

/* A string of len characters with codes from lo to hi. */
function randomString(len, lo, hi) {
	var s = '', i;

	for (i = 0; i < len; i++)
		s += String.fromCharCode(lo + crypto.randomInt(hi - lo + 1));
	return s;
}

function sameAsNode(s) {
	check('sha256 of ' + s.length + ' bytes ' +
	    JSON.stringify(s.slice(0, 20)), function () {
		assert.strictEqual(captcha.sha256hex(s), nodeHex(s));
	});
}

/* FIPS 180-4 examples (NIST's SHA256.pdf) and the million a's. */
var known = [
	['', 'e3b0c44298fc1c149afbf4c8996fb924' +
	    '27ae41e4649b934ca495991b7852b855'],
	['abc', 'ba7816bf8f01cfea414140de5dae2223' +
	    'b00361a396177a9cb410ff61f20015ad'],
	['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
	    '248d6a61d20638b8e5c026930c3e6039' +
	    'a33ce45964ff2167f6ecedd419db06c1'],
	[new Array(1000001).join('a'), 'cdc76e5c9914fb9281a1c7e284d73e67' +
	    'f1809a48a497200e046d39ccc7112cd0']
];
known.forEach(function (k) {
	check('known sha256 of ' + k[0].length + ' bytes', function () {
		assert.strictEqual(captcha.sha256hex(k[0]), k[1]);
	});
});

/* Every length around the padding boundaries of one, two, three blocks. */
var len, i;
for (len = 0; len <= 200; len++)
	sameAsNode(randomString(len, 0x20, 0x7e));
[55, 56, 63, 64, 65, 119, 120, 127, 128, 129].forEach(function (n) {
	sameAsNode(new Array(n + 1).join('x'));
	sameAsNode(randomString(n, 0, 255));
});
for (i = 0; i < 300; i++)
	sameAsNode(randomString(crypto.randomInt(2000), 0x20, 0x7e));
for (i = 0; i < 100; i++)
	sameAsNode(randomString(crypto.randomInt(300), 0, 255));

/* The first nonces that test_captcha.c and captcha_solve also find. */
var SALT = '0123456789abcdef0123456789abcdef';
[[1, '3'], [4, '3'], [8, '151'], [12, '6092'], [16, '111324']]
    .forEach(function (k) {
	check('solve ' + SALT + ' ' + k[0], function () {
		assert.strictEqual(captcha.solve(SALT, k[0]), k[1]);
	});
});

/* Fresh salts: the first nonce, and one with the zeros asked for. */
for (i = 0; i < 40; i++) {
	(function (salt, bits) {
		check('solve ' + salt + ' ' + bits, function () {
			var n = captcha.solve(salt, bits);

			assert.ok(/^(0|[1-9][0-9]*)$/.test(n), n);
			assert.ok(leadingZeros(nodeHex(salt + ':' + n)) >= bits);
			assert.strictEqual(n, bruteForce(salt, bits));
		});
	})(crypto.randomBytes(16).toString('hex'), 1 + i % 12);
}

console.log(passed + ' passed, ' + failed + ' failed');
process.exitCode = failed === 0 ? 0 : 1;
