package kr.anshim.ui.security;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import kr.anshim.ui.layout.MainLayout;

/**
 * Admins manage users and devices, and see no incidents (least privilege). User and device
 * management screens are not built yet; the registry is imported from CSV for now.
 */
@Route(value = "admin", layout = MainLayout.class)
@PageTitle("관리 · 안심 통합관제")
@RolesAllowed("ADMIN")
public class AdminView extends VerticalLayout {

    public AdminView() {
        add(new H2("관리자 · Admin"),
                new Paragraph("관리자는 사건 정보를 볼 수 없습니다 (최소 권한). · Admins do not see incidents (least privilege)."),
                new Paragraph("기기·세대 등록: CSV 가져오기 (ANSHIM_REGISTRY_IMPORT_DIR, docs/device-protocol.md §8). "
                        + "· Devices and households: CSV import (ANSHIM_REGISTRY_IMPORT_DIR, docs/device-protocol.md §8)."),
                new Paragraph("사용자 관리 화면은 아직 없습니다. · A user management screen is not built yet."));
    }
}
