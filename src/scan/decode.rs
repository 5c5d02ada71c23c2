//! Decoding judged per chunk, not once per file: UTF-8 (and whatever 8-bit text, passed through
//! as it is; invalid UTF-8 is replaced later), UTF-16LE and UTF-16BE, with or without a
//! byte-order mark, and inputs that switch between them.
//!
//! Every [`UNIT`] bytes are classified by where their zero bytes stand (ASCII text in UTF-16 has
//! one in every pair). A unit without zero bytes keeps the current encoding unless it is valid
//! UTF-8, so UTF-16 text in a script with no zero bytes (Cyrillic, CJK) stays UTF-16. In UTF-16,
//! a unit whose zeros stand on the other side of the pairs has lost or gained a byte: one byte is
//! replaced (U+FFFD) and decoding goes on aligned. Input without zero bytes in UTF-8 mode is
//! passed through without being looked at twice.

use std::io::{self, Read};

use encoding_rs::{CoderResult, Decoder, UTF_16BE, UTF_16LE};

/// Bytes classified at a time.
pub(crate) const UNIT: usize = 512;
/// Bytes read from the input at a time.
const CHUNK: usize = 64 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Bytes,
    Le,
    Be,
}

/// Reads an input, giving UTF-8 (or the input's own bytes where they are not UTF-16).
pub(crate) struct ChunkDecoder<R> {
    inner: R,
    mode: Mode,
    decoder: Option<Decoder>,
    /// Raw bytes read and not yet decoded.
    raw: Vec<u8>,
    /// Decoded bytes not yet given out, from `out_at`.
    out: Vec<u8>,
    out_at: usize,
    started: bool,
    eof: bool,
    /// A read error, given once what was read before it has been given out.
    failed: Option<io::Error>,
}

impl<R: Read> ChunkDecoder<R> {
    pub(crate) fn new(inner: R) -> Self {
        ChunkDecoder {
            inner,
            mode: Mode::Bytes,
            decoder: None,
            raw: Vec::with_capacity(CHUNK),
            out: Vec::with_capacity(CHUNK),
            out_at: 0,
            started: false,
            eof: false,
            failed: None,
        }
    }

    /// Reads up to a chunk, and decodes what can be decoded.
    fn refill(&mut self) -> io::Result<()> {
        self.out.clear();
        self.out_at = 0;
        if let Some(error) = self.failed.take() {
            return Err(error);
        }
        while self.out.is_empty() && !(self.eof && self.raw.is_empty()) {
            if !self.eof && self.raw.len() < UNIT {
                let want = CHUNK - self.raw.len();
                match (&mut self.inner)
                    .take(want as u64)
                    .read_to_end(&mut self.raw)
                {
                    Ok(n) => self.eof = n < want,
                    Err(error) if self.raw.is_empty() => return Err(error),
                    Err(error) => {
                        // Give what was read first: findings before the error are kept.
                        self.failed = Some(error);
                        self.eof = true;
                    }
                }
                if !self.eof && self.raw.len() < UNIT {
                    continue;
                }
            }
            if !self.started {
                self.started = true;
                self.byte_order_mark();
            }
            self.decode_available();
        }
        Ok(())
    }

    fn byte_order_mark(&mut self) {
        let (mode, skip) = match self.raw.as_slice() {
            [0xEF, 0xBB, 0xBF, ..] => (Mode::Bytes, 3),
            [0xFF, 0xFE, ..] => (Mode::Le, 2),
            [0xFE, 0xFF, ..] => (Mode::Be, 2),
            _ => (Mode::Bytes, 0),
        };
        self.raw.drain(..skip);
        self.switch(mode);
    }

    /// Decodes whole units (all that is left at the end of the input).
    fn decode_available(&mut self) {
        let mut at = 0;
        // The common case: UTF-8 with no zero byte in sight.
        if self.mode == Mode::Bytes && memchr::memchr(0, &self.raw).is_none() {
            let usable = if self.eof {
                self.raw.len()
            } else {
                self.raw.len() / UNIT * UNIT
            };
            if usable == self.raw.len() {
                // `out` is empty here: hand the chunk over without copying it.
                std::mem::swap(&mut self.out, &mut self.raw);
            } else {
                self.out.extend_from_slice(&self.raw[..usable]);
                self.raw.drain(..usable);
            }
            return;
        }
        // Units in one encoding are decoded together, from `run`.
        let mut run = at;
        while self.raw.len() - at >= UNIT || (self.eof && at < self.raw.len()) {
            let end = (at + UNIT).min(self.raw.len());
            let unit = &self.raw[at..end];
            match (self.mode, classify(unit)) {
                (Mode::Le, Some(Mode::Be)) | (Mode::Be, Some(Mode::Le)) => {
                    // Out of step by one byte: replace it, and go on aligned.
                    self.decode_unit(run, at, false);
                    self.finish_decoder();
                    self.out.extend_from_slice("\u{FFFD}".as_bytes());
                    at += 1;
                    run = at;
                    self.switch(self.mode);
                    continue;
                }
                (_, Some(mode)) if mode != self.mode => {
                    // The new encoding starts at the first zero byte (its pair's first byte
                    // in UTF-16LE): what stands before it is still in the old one.
                    let zero = memchr::memchr(0, unit).unwrap_or(0);
                    let split = if mode == Mode::Le {
                        zero.saturating_sub(1)
                    } else {
                        zero
                    };
                    self.decode_unit(run, at + split, false);
                    self.switch(mode);
                    at += split;
                    run = at;
                    continue;
                }
                (Mode::Le | Mode::Be, _) => {
                    // UTF-8 after UTF-16: it starts after the last zero byte.
                    let after = memchr::memrchr(0, unit).map_or(0, |z| z + 1);
                    let rest = &unit[after..];
                    if rest.len() >= 16 && is_utf8(rest) && classify(rest) != Some(self.mode) {
                        self.decode_unit(run, at + after, false);
                        self.switch(Mode::Bytes);
                        at += after;
                        run = at;
                        continue;
                    }
                }
                _ => {}
            }
            at = end;
        }
        let last = self.eof && at == self.raw.len();
        self.decode_unit(run, at, last);
        self.raw.drain(..at);
    }

    fn decode_unit(&mut self, at: usize, end: usize, last: bool) {
        let unit = &self.raw[at..end];
        let Some(decoder) = self.decoder.as_mut() else {
            self.out.extend_from_slice(unit);
            return;
        };
        let mut src = unit;
        loop {
            let room = decoder
                .max_utf8_buffer_length(src.len())
                .unwrap_or(src.len() * 3 + 8);
            let start = self.out.len();
            self.out.resize(start + room, 0);
            let (result, read, written, _) =
                decoder.decode_to_utf8(src, &mut self.out[start..], last);
            self.out.truncate(start + written);
            src = &src[read..];
            if result == CoderResult::InputEmpty {
                break;
            }
        }
    }

    /// Ends the current UTF-16 decoder: a half character left in it becomes U+FFFD.
    fn finish_decoder(&mut self) {
        if let Some(mut decoder) = self.decoder.take() {
            let mut tail = [0_u8; 16];
            let (_, _, written, _) = decoder.decode_to_utf8(&[], &mut tail, true);
            self.out.extend_from_slice(&tail[..written]);
        }
    }

    fn switch(&mut self, mode: Mode) {
        self.finish_decoder();
        self.mode = mode;
        self.decoder = match mode {
            Mode::Bytes => None,
            Mode::Le => Some(UTF_16LE.new_decoder_without_bom_handling()),
            Mode::Be => Some(UTF_16BE.new_decoder_without_bom_handling()),
        };
    }
}

impl<R: Read> Read for ChunkDecoder<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.out_at == self.out.len() {
            self.refill()?;
        }
        let n = (self.out.len() - self.out_at).min(buf.len());
        buf[..n].copy_from_slice(&self.out[self.out_at..self.out_at + n]);
        self.out_at += n;
        Ok(n)
    }
}

/// UTF-16 by the side its zero bytes stand on, if the unit says; `None` when it does not.
fn classify(unit: &[u8]) -> Option<Mode> {
    let pairs = unit.len() / 2;
    if pairs < 4 {
        return None;
    }
    // Without short-circuits, so that the loop is vectorised.
    let (mut zero_odd, mut zero_even) = (0_usize, 0_usize);
    for pair in unit.chunks_exact(2) {
        let (first, second) = (pair[0] == 0, pair[1] == 0);
        zero_odd += usize::from(second & !first);
        zero_even += usize::from(first & !second);
    }
    if zero_odd * 10 >= pairs && zero_even * 10 < zero_odd {
        Some(Mode::Le)
    } else if zero_even * 10 >= pairs && zero_odd * 10 < zero_even {
        Some(Mode::Be)
    } else if zero_odd == 0 && zero_even == 0 && is_utf8(unit) {
        Some(Mode::Bytes)
    } else {
        None
    }
}

/// Valid UTF-8, but for a character cut at the end.
fn is_utf8(unit: &[u8]) -> bool {
    match std::str::from_utf8(unit) {
        Ok(_) => true,
        Err(error) => error.error_len().is_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8]) -> String {
        let mut out = vec![];
        ChunkDecoder::new(bytes).read_to_end(&mut out).unwrap();
        String::from_utf8_lossy(&out).into_owned()
    }

    fn le(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    #[test]
    fn utf8_passes_through() {
        let text = "caf\u{e9} ErrorCode:: X\n".repeat(500);
        assert_eq!(decode(text.as_bytes()), text);
    }

    #[test]
    fn utf16_that_loses_a_byte_realigns() {
        let mut bytes = le(&"ErrorCode:: UserNotFound\n".repeat(100));
        bytes.remove(1001);
        let text = decode(&bytes);
        assert!(
            text.ends_with(&"ErrorCode:: UserNotFound\n".repeat(20)),
            "{text}"
        );
    }
}
