-- Procedures (SOPs): a checklist per incident kind and protection status (PROTECTED, ORDINARY or ANY),
-- edited by supervisors; every step checked off on an incident is kept with who and when.
create table procedure (
    incident_kind text not null,
    protection    text not null check (protection in ('PROTECTED', 'ORDINARY', 'ANY')),
    steps         jsonb not null,
    updated_by    text not null,
    updated_at    timestamptz not null,
    primary key (incident_kind, protection)
);

create table procedure_step_done (
    incident_id uuid not null references incident (id),
    step_id     text not null,
    step_text   text not null,
    done_by     text not null,
    done_at     timestamptz not null,
    primary key (incident_id, step_id)
);
create trigger procedure_step_done_append_only before update or delete on procedure_step_done
    for each row execute function anshim_refuse_change();

insert into procedure (incident_kind, protection, steps, updated_by, updated_at) values
('EMERGENCY', 'PROTECTED', '[
  {"id": "call-112", "ko": "112에 신고하고 인계 정보(주소·보호 대상 여부·기기)를 전달", "en": "Call 112 and pass on the hand-off packet (address, protected status, device)"},
  {"id": "dispatch-guard", "ko": "가장 가까운 출동대원 출동 지시", "en": "Dispatch the nearest guard"},
  {"id": "no-call-aloud", "ko": "거주자에게 소리 내어 전화하지 않기 (문자만)", "en": "Do not phone the resident aloud (text only)"},
  {"id": "watch-door-camera", "ko": "도어카메라 영상을 계속 확인", "en": "Stay on the door camera"},
  {"id": "confirm-police", "ko": "경찰 현장 도착 확인 후 기록", "en": "Confirm police on scene and record it"}
]', 'system', now()),
('EMERGENCY', 'ORDINARY', '[
  {"id": "call-back", "ko": "거주자에게 콜백", "en": "Call the resident back"},
  {"id": "dispatch-guard", "ko": "응답이 없으면 가장 가까운 출동대원 출동", "en": "No answer: dispatch the nearest guard"},
  {"id": "call-112", "ko": "범죄 위험이 있으면 112 신고", "en": "Crime risk: call 112"},
  {"id": "record-outcome", "ko": "처리 결과 기록", "en": "Record the outcome"}
]', 'system', now()),
('INTRUSION', 'PROTECTED', '[
  {"id": "call-112", "ko": "112에 신고하고 인계 정보를 전달", "en": "Call 112 and pass on the hand-off packet"},
  {"id": "dispatch-guard", "ko": "가장 가까운 출동대원 출동 지시 (무료)", "en": "Dispatch the nearest guard (free of charge)"},
  {"id": "no-call-aloud", "ko": "거주자에게 소리 내어 전화하지 않기", "en": "Do not phone the resident aloud"},
  {"id": "watch-door-camera", "ko": "도어카메라 영상을 계속 확인", "en": "Stay on the door camera"}
]', 'system', now()),
('INTRUSION', 'ANY', '[
  {"id": "call-112", "ko": "112 신고", "en": "Call 112"},
  {"id": "dispatch-guard", "ko": "가장 가까운 출동대원 출동 지시 (무료)", "en": "Dispatch the nearest guard (free of charge)"},
  {"id": "watch-door-camera", "ko": "도어카메라 영상 확인", "en": "Check the door camera"},
  {"id": "record-outcome", "ko": "처리 결과 기록", "en": "Record the outcome"}
]', 'system', now()),
('ACCESS_ATTEMPT', 'PROTECTED', '[
  {"id": "call-112", "ko": "112에 신고하고 인계 정보를 전달", "en": "Call 112 and pass on the hand-off packet"},
  {"id": "dispatch-guard", "ko": "가장 가까운 출동대원 출동 지시", "en": "Dispatch the nearest guard"},
  {"id": "no-call-aloud", "ko": "거주자에게 소리 내어 전화하지 않기", "en": "Do not phone the resident aloud"},
  {"id": "watch-door-camera", "ko": "도어카메라 영상을 계속 확인", "en": "Stay on the door camera"}
]', 'system', now()),
('LOITERING', 'ANY', '[
  {"id": "watch-door-camera", "ko": "도어카메라 실시간 영상 확인", "en": "Watch the door camera live"},
  {"id": "text-resident", "ko": "거주자에게 문자로 안내", "en": "Text the resident"},
  {"id": "dispatch-if-repeated", "ko": "반복되면 출동대원 출동", "en": "If it repeats, dispatch a guard"}
]', 'system', now()),
('PROWLER', 'ANY', '[
  {"id": "check-neighbours", "ko": "주변 세대 도어카메라 확인", "en": "Check the neighbouring door cameras"},
  {"id": "ask-patrol", "ko": "112에 순찰 요청", "en": "Ask 112 for a patrol"},
  {"id": "record-outcome", "ko": "처리 결과 기록", "en": "Record the outcome"}
]', 'system', now()),
('DEVICE_OFFLINE', 'PROTECTED', '[
  {"id": "text-resident", "ko": "거주자에게 안전 확인 문자", "en": "Text the resident to check they are safe"},
  {"id": "ask-patrol", "ko": "응답이 없으면 112에 순찰 요청", "en": "No answer: ask 112 for a patrol"},
  {"id": "device-check", "ko": "보안업체에 기기 점검 요청", "en": "Ask the security company to check the device"}
]', 'system', now()),
('TAMPER', 'ANY', '[
  {"id": "watch-door-camera", "ko": "도어카메라 영상 확인", "en": "Check the door camera"},
  {"id": "consider-dispatch", "ko": "출동대원 출동 여부 판단", "en": "Decide whether to dispatch a guard"},
  {"id": "record-outcome", "ko": "처리 결과 기록", "en": "Record the outcome"}
]', 'system', now());
