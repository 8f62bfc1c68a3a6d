//! The guide's queue-slot formula for Engage Messaging's queue factor: busy agents
//! assigned to the channel × default capacity of the asynchronous channel group × queue
//! factor (4 × 2 × 0.25 = 2 slots). A factor of 0.0 disables queuing.

/// Number of queuing slots. The guide does not say how fractions round; a slot is either
/// there or not, so fractions are dropped (rounded down).
pub fn queue_slots(busy_agents: u32, group_default_capacity: u32, factor: f64) -> u32 {
    if !(factor.is_finite() && factor > 0.0) {
        return 0;
    }
    let slots = f64::from(busy_agents) * f64::from(group_default_capacity) * factor;
    // A tiny epsilon so that 0.1 × 30 counts as 3, not 2.999….
    (slots + 1e-9).floor().min(f64::from(u32::MAX)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_guides_example_gives_two_slots() {
        assert_eq!(queue_slots(4, 2, 0.25), 2);
    }

    #[test]
    fn zero_or_invalid_factor_disables_queuing() {
        assert_eq!(queue_slots(4, 2, 0.0), 0);
        assert_eq!(queue_slots(4, 2, -1.0), 0);
        assert_eq!(queue_slots(4, 2, f64::NAN), 0);
    }

    #[test]
    fn fractions_round_down_without_float_noise() {
        assert_eq!(queue_slots(3, 1, 0.5), 1);
        assert_eq!(queue_slots(30, 1, 0.1), 3);
    }
}
