package kr.anshim.ui.architecture.cycle.two;

import kr.anshim.ui.architecture.cycle.one.First;

/** The other half of the deliberate cycle. */
public class Second {
    First other;
}
