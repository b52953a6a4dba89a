//! The part of CBOR (RFC 8949) Pagefind's index files use: definite-length
//! arrays, text strings and integers, each head in its shortest form.

/// Appends CBOR items to a byte buffer.
#[derive(Default)]
pub struct Writer {
    pub bytes: Vec<u8>,
}

impl Writer {
    /// The head of an item of major type `major` with argument `n`.
    fn head(&mut self, major: u8, n: u64) {
        let m = major << 5;
        match n {
            0..=23 => self.bytes.push(m | n as u8),
            24..=0xff => self.bytes.extend_from_slice(&[m | 24, n as u8]),
            0x100..=0xffff => {
                self.bytes.push(m | 25);
                self.bytes.extend_from_slice(&(n as u16).to_be_bytes());
            }
            0x1_0000..=0xffff_ffff => {
                self.bytes.push(m | 26);
                self.bytes.extend_from_slice(&(n as u32).to_be_bytes());
            }
            _ => {
                self.bytes.push(m | 27);
                self.bytes.extend_from_slice(&n.to_be_bytes());
            }
        }
    }

    /// An array of `len` items (the items follow).
    pub fn array(&mut self, len: usize) {
        self.head(4, len as u64);
    }

    /// An unsigned integer.
    pub fn uint(&mut self, n: u64) {
        self.head(0, n);
    }

    /// A signed integer.
    pub fn int(&mut self, n: i64) {
        if n >= 0 { self.head(0, n as u64) } else { self.head(1, (-1 - n) as u64) }
    }

    /// A text string.
    pub fn text(&mut self, s: &str) {
        self.head(3, s.len() as u64);
        self.bytes.extend_from_slice(s.as_bytes());
    }

    /// An array of integers.
    pub fn ints(&mut self, ns: &[i32]) {
        self.array(ns.len());
        for &n in ns {
            self.int(n.into());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_take_their_shortest_form() {
        // RFC 8949, appendix A.
        let mut w = Writer::default();
        for n in [0, 23, 24, 255, 256, 65_536, 4_294_967_296] {
            w.uint(n);
        }
        w.int(-1);
        w.int(-25);
        w.text("a");
        w.array(2);
        assert_eq!(
            w.bytes,
            [
                0x00, 0x17, 0x18, 0x18, 0x18, 0xff, 0x19, 0x01, 0x00, 0x1a, 0x00, 0x01, 0x00, 0x00, 0x1b, 0x00, 0x00, 0x00, 0x01, 0x00,
                0x00, 0x00, 0x00, 0x20, 0x38, 0x18, 0x61, 0x61, 0x82
            ]
        );
    }
}
