//! A fast, non-cryptographic 64-bit hash for the cache: of a source file's whole content (its
//! key) and of an entry's payload (its checksum).
//!
//! Four independent lanes each take one 8-byte word per 32-byte block, as
//! `lane = (lane ^ word).rotate_left(29) * P`: for a fixed lane the step is a bijection of the
//! word, and for a fixed word a bijection of the lane, so two inputs of the same length that
//! differ in any one word (a one-byte edit included) always end in different lanes, and the
//! lanes are folded by steps that are bijections of each lane in turn: such a change is always
//! detected, not merely with high probability. The loop has no dependency between lanes, so it
//! runs at about memory speed. It guards against accidents (an edited file, a torn or flipped
//! cache entry), not against someone forging a collision.

const P1: u64 = 0x9E37_79B1_85EB_CA87;
const P2: u64 = 0xC2B2_AE3D_27D4_EB4F;
const SEEDS: [u64; 4] = [
    0x243F_6A88_85A3_08D3,
    0x1319_8A2E_0370_7344,
    0xA409_3822_299F_31D0,
    0x082E_FA98_EC4E_6C89,
];

/// The hash of a stream of bytes given in any number of pieces (the same result whatever
/// the pieces).
#[derive(Clone, Debug)]
pub struct Hasher {
    lanes: [u64; 4],
    pending: [u8; 32],
    pending_len: usize,
    total: u64,
}

impl Default for Hasher {
    fn default() -> Self {
        Hasher {
            lanes: SEEDS,
            pending: [0; 32],
            pending_len: 0,
            total: 0,
        }
    }
}

#[inline(always)]
fn word(bytes: &[u8], at: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(w)
}

#[inline(always)]
fn step(lane: u64, word: u64) -> u64 {
    (lane ^ word).rotate_left(29).wrapping_mul(P1)
}

/// A bijection of 64 bits that spreads every bit over all of them (murmur3's finaliser).
fn avalanche(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^= h >> 33;
    h = h.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    h ^ (h >> 33)
}

impl Hasher {
    pub fn new() -> Self {
        Self::default()
    }

    fn blocks(&mut self, bytes: &[u8]) {
        let [mut a, mut b, mut c, mut d] = self.lanes;
        for block in bytes.chunks_exact(32) {
            a = step(a, word(block, 0));
            b = step(b, word(block, 8));
            c = step(c, word(block, 16));
            d = step(d, word(block, 24));
        }
        self.lanes = [a, b, c, d];
    }

    pub fn update(&mut self, mut bytes: &[u8]) {
        self.total = self.total.wrapping_add(bytes.len() as u64);
        if self.pending_len > 0 {
            let take = (32 - self.pending_len).min(bytes.len());
            self.pending[self.pending_len..self.pending_len + take].copy_from_slice(&bytes[..take]);
            self.pending_len += take;
            bytes = &bytes[take..];
            if self.pending_len < 32 {
                return;
            }
            let block = self.pending;
            self.blocks(&block);
            self.pending_len = 0;
        }
        let whole = bytes.len() / 32 * 32;
        self.blocks(&bytes[..whole]);
        let rest = &bytes[whole..];
        self.pending[..rest.len()].copy_from_slice(rest);
        self.pending_len = rest.len();
    }

    pub fn finish(&self) -> u64 {
        let mut lanes = self.lanes;
        if self.pending_len > 0 {
            // The tail, zero-padded; the length folded in below tells "ab" from "ab\0".
            let mut block = [0u8; 32];
            block[..self.pending_len].copy_from_slice(&self.pending[..self.pending_len]);
            for (i, lane) in lanes.iter_mut().enumerate() {
                *lane = step(*lane, word(&block, i * 8));
            }
        }
        let mut h = self.total.wrapping_mul(P2);
        for lane in lanes {
            h = (h ^ avalanche(lane)).rotate_left(27).wrapping_mul(P1);
        }
        avalanche(h)
    }
}

/// Bytes per block of a [`ContentHasher`].
pub const BLOCK: u64 = 1 << 20;

/// Bytes cut into blocks of [`BLOCK`], each hashed alone.
#[derive(Clone, Debug, Default)]
struct Blocks {
    block: Hasher,
    in_block: u64,
}

impl Blocks {
    /// Hashes `bytes`, giving each block's hash to `done` as the block ends.
    fn update(&mut self, mut bytes: &[u8], mut done: impl FnMut(u64)) {
        while !bytes.is_empty() {
            let take = usize::try_from(BLOCK - self.in_block)
                .unwrap_or(usize::MAX)
                .min(bytes.len());
            self.block.update(&bytes[..take]);
            self.in_block += take as u64;
            bytes = &bytes[take..];
            if self.in_block == BLOCK {
                done(self.block.finish());
                self.block = Hasher::new();
                self.in_block = 0;
            }
        }
    }
}

/// A source file's content hash (the cache key): the [`Hasher`] of each 1 MiB block, and the
/// `Hasher` of those block hashes and the length. The same whatever the pieces; and since
/// blocks are hashed independently, a second thread that read part of the file (the second
/// half of a split parse) hashes its whole blocks itself ([`BlockHashes`]) and the first
/// takes them in ([`ContentHasher::take_blocks`]) instead of reading those bytes again.
#[derive(Clone, Debug, Default)]
pub struct ContentHasher {
    blocks: Blocks,
    of_blocks: Hasher,
    total: u64,
}

impl ContentHasher {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn update(&mut self, bytes: &[u8]) {
        self.total += bytes.len() as u64;
        let of_blocks = &mut self.of_blocks;
        self.blocks
            .update(bytes, |h| of_blocks.update(&h.to_le_bytes()));
    }

    /// Takes in the hashes of the next whole blocks, hashed elsewhere. False (and nothing
    /// taken) unless this hasher is at a block's start.
    pub fn take_blocks(&mut self, hashes: &[u64]) -> bool {
        if self.blocks.in_block != 0 {
            return false;
        }
        for h in hashes {
            self.of_blocks.update(&h.to_le_bytes());
        }
        self.total += hashes.len() as u64 * BLOCK;
        true
    }

    pub fn finish(&self) -> u64 {
        let mut of_blocks = self.of_blocks.clone();
        if self.blocks.in_block > 0 {
            of_blocks.update(&self.blocks.block.finish().to_le_bytes());
        }
        of_blocks.update(&self.total.to_le_bytes());
        of_blocks.finish()
    }
}

/// The hashes of the whole blocks in what a reader reads from offset `start` on (the blocks
/// that begin at or after it), for a [`ContentHasher`] to take in.
#[derive(Debug)]
pub struct BlockHashes {
    /// The first whole block's index.
    pub first: u64,
    pub hashes: Vec<u64>,
    /// Bytes still to pass before the first whole block.
    lead: u64,
    blocks: Blocks,
}

impl BlockHashes {
    pub fn from(start: u64) -> Self {
        let first = start.div_ceil(BLOCK);
        BlockHashes {
            first,
            hashes: Vec::new(),
            lead: first.saturating_mul(BLOCK) - start,
            blocks: Blocks::default(),
        }
    }

    pub fn update(&mut self, bytes: &[u8]) {
        let skip = usize::try_from(self.lead)
            .unwrap_or(usize::MAX)
            .min(bytes.len());
        self.lead -= skip as u64;
        let hashes = &mut self.hashes;
        self.blocks.update(&bytes[skip..], |h| hashes.push(h));
    }
}

/// The hash of `bytes` in one piece.
pub fn hash(bytes: &[u8]) -> u64 {
    let mut h = Hasher::new();
    h.update(bytes);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A content hash taking a second reader's whole blocks equals the one that read every
    /// byte, wherever the second reader started and the first stopped reading.
    #[test]
    fn blocks_hashed_elsewhere_give_the_same_content_hash() {
        let len = 5 * BLOCK as usize + 12_345;
        let data: Vec<u8> = (0..len).map(|i| (i * 31 % 253) as u8).collect();
        let mut whole = ContentHasher::new();
        for piece in data.chunks(65_537) {
            whole.update(piece);
        }
        let expected = whole.finish();
        for start in [0, 1, BLOCK - 1, BLOCK, BLOCK + 77, 3 * BLOCK, 4 * BLOCK + 5] {
            let mut second = BlockHashes::from(start);
            for piece in data[start as usize..].chunks(40_000) {
                second.update(piece);
            }
            // The first reader hashes up to the first whole block, takes the blocks, then
            // reads the rest.
            let from = second.first * BLOCK;
            let to = from + second.hashes.len() as u64 * BLOCK;
            let mut first = ContentHasher::new();
            if second.hashes.is_empty() {
                first.update(&data);
            } else {
                first.update(&data[..from as usize]);
                assert!(first.take_blocks(&second.hashes));
                first.update(&data[to as usize..]);
            }
            assert_eq!(first.finish(), expected, "second reader from {start}");
        }
        // Not at a block's start: nothing taken.
        let mut h = ContentHasher::new();
        h.update(&data[..10]);
        assert!(!h.take_blocks(&[1]));
        // One changed byte shows.
        let mut changed = data.clone();
        changed[len / 2] ^= 1;
        let mut other = ContentHasher::new();
        other.update(&changed);
        assert_ne!(other.finish(), expected);
    }

    #[test]
    fn pieces_do_not_matter_and_one_byte_always_shows() {
        let data: Vec<u8> = (0..1000u32).map(|i| (i * 7 % 251) as u8).collect();
        let whole = hash(&data);
        for cut in [0, 1, 31, 32, 33, 500, 999, 1000] {
            let mut h = Hasher::new();
            h.update(&data[..cut]);
            h.update(&data[cut..]);
            assert_eq!(h.finish(), whole, "cut at {cut}");
        }
        for at in 0..data.len() {
            let mut changed = data.clone();
            changed[at] ^= 1;
            assert_ne!(hash(&changed), whole, "byte {at}");
        }
        assert_ne!(hash(b"ab"), hash(b"ab\0"));
        assert_ne!(hash(b""), hash(b"\0"));
    }
}
