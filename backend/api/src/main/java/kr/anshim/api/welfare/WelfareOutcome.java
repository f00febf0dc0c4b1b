package kr.anshim.api.welfare;

/** How a community-centre officer closed a welfare incident. */
public enum WelfareOutcome {
    /** 전화 확인, 이상 없음: phoned, the person is fine. */
    PHONED_FINE,
    /** 방문 확인: visited. */
    VISITED,
    /** 연락 안 됨: no answer. */
    NO_ANSWER,
    /** 119 연계: referred to 119. */
    REFERRED_119,
    /** 경찰 연계: referred to police. */
    REFERRED_POLICE,
    /** 방문팀 복귀 확인: the visiting team is back and safe. */
    TEAM_SAFE
}
