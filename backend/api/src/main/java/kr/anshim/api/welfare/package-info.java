/**
 * The welfare services' wire contract: the inactivity check (똑똑문안서비스) and the safety timers of
 * two-person visiting welfare teams, and what a community-centre officer (동주민센터 공무원 / 복지플래너) sees.
 */
package kr.anshim.api.welfare;
