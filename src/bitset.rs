//! A fixed-size set of article indexes, one bit each: filters intersect
//! these instead of comparing strings article by article.

/// A set of indexes below a fixed size.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BitSet {
    words: Vec<u64>,
}

impl BitSet {
    /// The empty set of indexes below `len`.
    pub fn empty(len: usize) -> BitSet {
        BitSet {
            words: vec![0; len.div_ceil(64)],
        }
    }

    /// Every index below `len`.
    pub fn full(len: usize) -> BitSet {
        let mut set = BitSet {
            words: vec![u64::MAX; len.div_ceil(64)],
        };
        if !len.is_multiple_of(64) {
            if let Some(last) = set.words.last_mut() {
                *last = (1u64 << (len % 64)) - 1;
            }
        }
        set
    }

    /// Adds an index.
    pub fn insert(&mut self, i: usize) {
        self.words[i / 64] |= 1 << (i % 64);
    }

    /// Whether the set holds `i`.
    pub fn contains(&self, i: usize) -> bool {
        self.words.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    /// Keeps only the indexes `other` holds too.
    pub fn intersect(&mut self, other: &BitSet) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= b;
        }
    }

    /// The indexes, in increasing order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().enumerate().flat_map(|(w, &bits)| {
            let mut bits = bits;
            std::iter::from_fn(move || {
                if bits == 0 {
                    return None;
                }
                let b = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                Some(w * 64 + b)
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::BitSet;

    #[test]
    fn insert_intersect_iterate() {
        let mut a = BitSet::empty(130);
        for i in [0, 63, 64, 129] {
            a.insert(i);
        }
        let mut b = BitSet::full(130);
        assert_eq!(b.iter().count(), 130);
        b.intersect(&a);
        assert_eq!(b.iter().collect::<Vec<_>>(), [0, 63, 64, 129]);
        assert!(b.contains(129) && !b.contains(128) && !b.contains(500));
        assert_eq!(BitSet::full(64).iter().count(), 64);
    }
}
