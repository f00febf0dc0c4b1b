/**
 * The community-centre officer's screen (동주민센터 공무원 / 복지플래너): their people's inactivity alerts
 * and visiting-team incidents, the outcome that closes them, and the form that registers a visit.
 * What they see is scoped and masked by the backend; this screen shows what it is sent.
 */
package kr.anshim.ui.welfare;
