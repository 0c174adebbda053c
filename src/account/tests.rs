//! Tests of the account: the defects of the follow-up, each checked by the figures it must give.
